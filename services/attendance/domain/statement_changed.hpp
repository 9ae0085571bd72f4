#pragma once
// se.samverkan.attendance.statement.changed.v1: a monthly time statement was confirmed, or a
// confirmed one was superseded by a later change to the month. Keyed by the participant id, so
// one participant's months arrive in order. No content beyond totals and the hash.
#include <boost/json/object.hpp>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <string>
#include <string_view>

#include "statement.hpp"

namespace samverkan::attendance {

struct StatementChanged {
  static constexpr std::string_view kType = "se.samverkan.attendance.statement.changed.v1";
  static constexpr std::string_view kAggregateType = "statement";

  StoredStatement statement;
  std::optional<ids::OrganisationId> organisation;  // of the participant's enrolment, if known
  std::string changed_at;                           // RFC 3339 UTC with milliseconds

  [[nodiscard]] std::string aggregate_id() const { return statement.participant.str(); }
  [[nodiscard]] boost::json::object data() const;
};

}  // namespace samverkan::attendance
