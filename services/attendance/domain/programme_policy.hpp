#pragma once
// The replicas that give a session its programme's attendance policy, as pure reads of the
// modules events: cohort.created links a cohort to its programme; programme.created/changed carry
// the optional attendance_policy (absent or null: the default, meeting_report::Policy).
#include <boost/json.hpp>
#include <cstdint>
#include <samverkan/ids/ids.hpp>

namespace samverkan::attendance {

struct CohortProgramme {
  ids::CohortId cohort;
  ids::FederationId federation;
  ids::ProgrammeId programme;
  std::int64_t version = 1;
};

struct ProgrammePolicy {
  ids::ProgrammeId programme;
  ids::FederationId federation;
  std::int64_t present_percent = 0;
  std::int64_t version = 1;
};

// The data was validated against the event's schema; a missing "version" means 1.
CohortProgramme cohort_programme_from(const boost::json::object& data);
ProgrammePolicy programme_policy_from(const boost::json::object& data);

}  // namespace samverkan::attendance
