#include "self_study_changed.hpp"

namespace samverkan::attendance {

boost::json::object SelfStudyChangedEvent::data() const {
  const auto& e = entry;
  return {{"federation_id", e.federation.str()},
          {"entry_id", e.id},
          {"participant_id", e.participant.str()},
          {"organisation_id", e.organisation.str()},
          {"cohort_id", e.cohort.str()},
          {"module_id", e.module.str()},
          {"studied_on", e.studied_on},
          {"minutes", e.minutes},
          {"status", to_string(e.status)},
          {"version", e.version},
          {"changed_at", changed_at}};
}

}  // namespace samverkan::attendance
