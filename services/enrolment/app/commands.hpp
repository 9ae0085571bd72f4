#pragma once
// The enrolment service's commands inside one unit of work (libs/writepath): load the current
// state, let the pure decision in domain/ rule, store the next state, emit its events and record
// one audit entry per state change (version before and after), all in the one transaction the
// write path commits. HTTP handlers and the integration tests call these.
#include <functional>
#include <samverkan/writepath/unit_of_work.hpp>

#include "../domain/decide.hpp"
#include "../domain/electives.hpp"
#include "../domain/policy.hpp"

namespace samverkan::enrolment::app {

// A duplicate organisation number is a unique violation: 409 through the write path.
Result<Organisation> register_organisation(writepath::UnitOfWork& uow, const NewOrganisation& o,
                                           const Actor& actor, const OrganisationId& new_id);
// A duplicate e-mail within the organisation is a unique violation: 409 (ADR 0038).
Result<Participant> register_participant(writepath::UnitOfWork& uow, const NewParticipant& p,
                                         const Actor& actor, const ParticipantId& new_id);
// A second enrolment of the participant in the cohort is a unique violation: 409.
Result<Enrolment> request_enrolment(writepath::UnitOfWork& uow, const ParticipantId& participant,
                                    const CohortId& cohort, const Actor& actor,
                                    const EnrolmentId& new_id, Timestamp now);

// An expression of interest: the enrolment's first state, before any request.
Result<Enrolment> register_interest(writepath::UnitOfWork& uow, const ParticipantId& participant,
                                    const CohortId& cohort, const Actor& actor,
                                    const EnrolmentId& new_id, Timestamp now);

// Read after the enrolment's row lock is held, so a transition that waited for another is
// stamped later than it, as its higher version says.
using Clock = std::function<Timestamp()>;

// Transitions lock the enrolment's row (SELECT ... FOR UPDATE), so a concurrent transition waits
// and then decides from the state this one left; the write is also conditional on the version the
// decision was made from, so no two transitions can both succeed from the same version even if
// a caller forgot the lock.
Result<Enrolment> approve_enrolment(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                    const Actor& actor, const Clock& clock);
// Seats: a final approval locks the cohort's policy row (lock order: the enrolment, then the
// policy), counts the approved enrolments and takes a seat or a place on the waitlist. Concurrent
// final approvals in a cohort therefore decide one at a time, each seeing the seats the previous
// ones took.
Result<Enrolment> request_from_interest(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                        const Actor& actor, const Clock& clock);
// The reason goes to the audit entry only, never into an event.
Result<Enrolment> reject_enrolment(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                   const std::string& reason, const Actor& actor,
                                   const Clock& clock);
// Withdrawing an approved enrolment frees its seat: under the policy's lock, the waitlist's first
// enrolments that now fit are promoted in the same transaction.
Result<Enrolment> withdraw_enrolment(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                     const Withdrawal& command, const Actor& actor,
                                     const Clock& clock);

// Sets a cohort's policy under its lock; a higher limit promotes from the waitlist at once.
Result<EnrolmentPolicy> set_policy(writepath::UnitOfWork& uow, const CohortId& cohort,
                                   const PolicyChange& change, const Actor& actor,
                                   const Clock& clock);
Result<Enrolment> choose_modules(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                 const std::vector<ModuleId>& module_ids, const Actor& actor,
                                 const Clock& clock);

// Moves the enrolment's started_on to the first session the participant attended, as the
// replicas of sessions and marks now show it (an event-driven change: the unit of work's actor
// is the service itself).
void record_start(writepath::UnitOfWork& uow, const FederationId& fed,
                  const ParticipantId& participant, const CohortId& cohort, Timestamp now);

// The cohort's end for a locked enrolment (decide_cohort_end): left_on = ends_on, audited as
// enrolment.ended. False when nothing is due.
bool end_with_cohort(writepath::UnitOfWork& uow, const Enrolment& current, const Cohort& cohort,
                     Timestamp now);

}  // namespace samverkan::enrolment::app
