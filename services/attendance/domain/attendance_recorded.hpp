#pragma once
// se.samverkan.attendance.attendance.recorded.v1 as a typed event (events::TypedEvent): the one
// place its data is shaped.
#include <boost/json/object.hpp>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <string>
#include <string_view>

#include "record.hpp"

namespace samverkan::attendance {

struct AttendanceRecorded {
  static constexpr std::string_view kType = "se.samverkan.attendance.attendance.recorded.v1";
  static constexpr std::string_view kAggregateType = "attendance";

  Record record;
  ids::CohortId cohort;                 // of the session, so reporting needs no join
  std::optional<ids::ModuleId> module;  // none for a conference

  [[nodiscard]] std::string aggregate_id() const { return record.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

}  // namespace samverkan::attendance
