#include "sensitive_counts_event.hpp"

namespace samverkan::enrolment {

boost::json::object SensitiveCountsChanged::data() const {
  boost::json::object categories;
  for (const auto category : kSensitiveCategories) {
    const auto& c = counts.counts.of(category);
    categories[to_string(category)] = boost::json::object{
        {"yes", c.yes}, {"no", c.no}, {"declined", c.declined}, {"not_asked", c.not_asked}};
  }
  return {{"federation_id", counts.federation.str()},
          {"cohort_id", counts.cohort.str()},
          {"programme_id", counts.programme.str()},
          {"counts", categories},
          {"version", counts.version},
          {"changed_at", format_timestamp(changed_at)}};
}

}  // namespace samverkan::enrolment
