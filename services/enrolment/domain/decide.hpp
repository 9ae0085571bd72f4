#pragma once
// Every command of the enrolment service as a pure decision: the current state, the command, the
// actor and the context (new ids, the clock) give either the next state with its events, or the
// rule that refuses it. No SQL, HTTP or Kafka here; the caller loads, stores and appends.
#include <optional>
#include <string>

#include "enrolment.hpp"
#include "events.hpp"
#include "model.hpp"
#include "policy.hpp"
#include "result.hpp"

namespace samverkan::enrolment {

// approved_by of an enrolment a freed seat let in from the waitlist.
inline constexpr std::string_view kWaitlistApprover = "waitlist";

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
// request is pending at the policy's first stage, version 1.
Result<RequestDecision> decide_request_enrolment(const std::optional<Participant>& participant,
                                                 const std::optional<Cohort>& cohort,
                                                 const EnrolmentPolicy& policy, const Actor& actor,
                                                 const EnrolmentId& new_id, Timestamp now);

// A first state that is not a request (an expression of interest) is published as a change at
// version 1, since it carries the full state.
struct InterestDecision {
  Enrolment next;
  EnrolmentChanged changed;
};
// The participant themself or someone who may act for their organisation; otherwise as above.
Result<InterestDecision> decide_register_interest(const std::optional<Participant>& participant,
                                                  const std::optional<Cohort>& cohort,
                                                  const Actor& actor, const EnrolmentId& new_id,
                                                  Timestamp now);

// The next state after a change: one version further, stamped with when it changed.
Enrolment advanced(const Enrolment& current, Timestamp now);

// A state change of an existing enrolment: version + 1 and an EnrolmentChanged with the full
// state; an approval also yields the transitional EnrolmentApproved (same version).
struct Transition {
  Enrolment next;
  EnrolmentChanged changed;
  std::optional<EnrolmentApproved> approved;
};

// Where a final approval finds no seat: the place it would take at the end of the queue's order
// (by time of request). Only used when the policy keeps a waitlist.
struct SeatContext {
  const EnrolmentPolicy& policy;
  const SeatUsage& usage;  // approved enrolments of the cohort, read under the policy's lock
  std::int64_t waitlist_position = 1;
  bool start_on_approval = false;  // the programme counts the approval's day as the start
};

// Approves the current stage only. Who: the organisation stage, someone who may act for the
// enrolment's organisation; the federation stage, a federation administrator (403). An enrolment
// the actor may not act for is reported as missing (404). Only a pending enrolment (409). A stage
// that is not the last moves it to the next stage; the last one takes a seat if one is free, else
// puts it on the waitlist, else (no waitlist) refuses with 409.
Result<Transition> decide_approve(const Enrolment& current, const Actor& actor,
                                  const SeatContext& seats, Timestamp now);

// Turns an expression of interest into a request at the policy's first stage. Who: as for the
// organisation stage (404 otherwise). Only from interest (409).
Result<Transition> decide_request_from_interest(const Enrolment& current, const Actor& actor,
                                                const EnrolmentPolicy& policy, Timestamp now);

// Declines interest, or rejects a pending or waitlisted enrolment; the reason goes to the audit
// trail. Who: as for approving its current stage (an interest or waitlisted one: the
// organisation's). An approved enrolment is withdrawn, not rejected (409).
Result<Transition> decide_reject(const Enrolment& current, const Actor& actor, Timestamp now);

// A seat freed: the waitlisted enrolment `promotions` chose is approved (approved_by "waitlist").
// Only a waitlisted one (409: the caller chose it under the policy's lock, so this is a bug guard).
Result<Transition> decide_promote(const Enrolment& current, Timestamp now,
                                  bool start_on_approval = false);

// The day the participant started, as attendance now shows it (the first session attended; none
// when a correction took the only one away). Only a participant who had a seat starts: approved,
// or withdrawn after approval. Nothing when the day is unchanged or the programme counts the
// approval's day instead.
std::optional<Transition> decide_start(const Enrolment& current, const std::optional<Date>& first,
                                       bool start_on_approval, Timestamp now);

struct Withdrawal {
  Date left_on;        // the last day of participation
  std::string reason;  // for the audit trail; never in an event
};
// Who: the participant themself, or someone who may act for the organisation (404 otherwise).
// From interest, pending, waitlisted or approved (409 otherwise; also for an approved enrolment
// that already ended with its cohort). left_on must lie within the
// cohort's dates and must not be before the day of the request (UTC): leaving is recorded as it
// happens or ahead of time, never backdated over attendance already recorded (422 left_on).
// `cohort` is the enrolment's own cohort. Withdrawing an approved enrolment frees its seat.
Result<Transition> decide_withdraw(const Enrolment& current, const Cohort& cohort,
                                   const Withdrawal& command, const Actor& actor, Timestamp now);

// The cohort's end (issue 7 section 6): once its ends_on has passed (before today, UTC), an
// approved enrolment without a leaving date gets left_on = ends_on and stays approved: the
// participant completed the cohort's period, which is not a withdrawal. Nothing for any other
// enrolment, or before the end.
std::optional<Transition> decide_cohort_end(const Enrolment& current, const Cohort& cohort,
                                            Timestamp now);

}  // namespace samverkan::enrolment
