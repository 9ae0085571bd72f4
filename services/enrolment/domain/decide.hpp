#pragma once
// Every command of the enrolment service as a pure decision: the current state, the command, the
// actor and the context (new ids, the clock) give either the next state with its events, or the
// rule that refuses it. No SQL, HTTP or Kafka here; the caller loads, stores and appends.
#include <optional>
#include <string>

#include "enrolment.hpp"
#include "events.hpp"
#include "model.hpp"
#include "result.hpp"

namespace samverkan::enrolment {

struct OrganisationDecision {
  Organisation next;
  OrganisationRegistered registered;
};
// Only the federation's administrators register organisations. `o` is validated already.
Result<OrganisationDecision> decide_register_organisation(const NewOrganisation& o,
                                                          const Actor& actor,
                                                          const OrganisationId& new_id);

struct ParticipantDecision {
  Participant next;
  ParticipantRegistered registered;
};
// An administrator, or a coordinator for its own organisation (403 otherwise); the organisation
// must exist in the actor's federation (422). `p` is validated already.
Result<ParticipantDecision> decide_register_participant(const NewParticipant& p, const Actor& actor,
                                                        bool organisation_exists,
                                                        const ParticipantId& new_id);

struct RequestDecision {
  Enrolment next;
  EnrolmentRequested requested;
};
// The participant must exist and be one the actor may act for, else it is reported exactly like
// a missing one (422 participant_id); the cohort must be in the replica (422 cohort_id). A new
// enrolment is pending at the organisation stage, version 1.
Result<RequestDecision> decide_request_enrolment(const std::optional<Participant>& participant,
                                                 const std::optional<Cohort>& cohort,
                                                 const Actor& actor, const EnrolmentId& new_id,
                                                 Timestamp now);

// A state change of an existing enrolment: version + 1 and an EnrolmentChanged with the full
// state; an approval also yields the transitional EnrolmentApproved (same version).
struct Transition {
  Enrolment next;
  EnrolmentChanged changed;
  std::optional<EnrolmentApproved> approved;
};

// An enrolment the actor may not act for is reported as missing (404). Only a pending enrolment
// can be approved (409 otherwise). Today one approval settles both stages.
Result<Transition> decide_approve(const Enrolment& current, const Actor& actor, Timestamp now);

struct Withdrawal {
  Date left_on;        // the last day of participation
  std::string reason;  // for the audit trail; never in an event
};
// Who: as for approval (404 otherwise). Only pending or approved enrolments (409). left_on must
// lie within the cohort's dates and must not be before the day of the request (UTC): leaving is
// recorded as it happens or ahead of time, never backdated over attendance already recorded
// (422 left_on). `cohort` is the enrolment's own cohort.
Result<Transition> decide_withdraw(const Enrolment& current, const Cohort& cohort,
                                   const Withdrawal& command, const Actor& actor, Timestamp now);

}  // namespace samverkan::enrolment
