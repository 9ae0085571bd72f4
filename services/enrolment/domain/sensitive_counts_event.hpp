#pragma once
// The only event about sensitive categories: a cohort's counts among its approved enrolments
// (ADR 0070). It names no participant, so reporting can show the counts without ever holding a
// person's value.
#include <boost/json/object.hpp>
#include <samverkan/events/typed_event.hpp>
#include <string>
#include <string_view>

#include "sensitive_facts.hpp"

namespace samverkan::enrolment {

struct SensitiveCountsChanged {
  static constexpr std::string_view kType =
      "se.samverkan.enrolment.sensitive_counts.changed.v1";
  static constexpr std::string_view kAggregateType = "cohort";
  CohortSensitiveCounts counts;
  Timestamp changed_at;
  [[nodiscard]] std::string aggregate_id() const { return counts.cohort.str(); }
  [[nodiscard]] boost::json::object data() const;
};
static_assert(events::TypedEvent<SensitiveCountsChanged>);

inline void require_sensitive_event_schemas(const events::SchemaRegistry& registry) {
  events::require_schemas<SensitiveCountsChanged>(registry);
}

}  // namespace samverkan::enrolment
