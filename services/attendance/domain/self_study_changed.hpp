#pragma once
// se.samverkan.attendance.self_study.changed.v1: a self-study entry was logged (pending) or
// decided (approved, rejected), with its full state except the free texts. Reporting counts
// approved minutes apart from session attendance.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "self_study.hpp"

namespace samverkan::attendance {

struct SelfStudyChangedEvent {
  static constexpr std::string_view kType = "se.samverkan.attendance.self_study.changed.v1";
  static constexpr std::string_view kAggregateType = "self_study";

  SelfStudyEntry entry;
  std::string changed_at;  // RFC 3339 UTC with milliseconds

  [[nodiscard]] std::string aggregate_id() const { return entry.id; }
  [[nodiscard]] boost::json::object data() const;
};

}  // namespace samverkan::attendance
