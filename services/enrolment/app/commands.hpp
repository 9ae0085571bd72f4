#pragma once
// The enrolment service's commands inside one database transaction: load the current state,
// let the pure decision in domain/ rule, store the next state and append its events to the
// outbox in the same transaction. HTTP handlers and the integration tests call these.
#include <pqxx/pqxx>
#include <samverkan/events/outbox.hpp>
#include <string_view>

#include "../domain/decide.hpp"

namespace samverkan::enrolment::app {

struct Effects {
  const events::Outbox& outbox;
  std::string_view traceparent;
};

// Read after the enrolment's row lock is held, so a transition that waited for another is
// stamped later than it, as its higher version says.
using Clock = std::function<Timestamp()>;

// Throws pqxx::unique_violation on a duplicate organisation number.
Result<Organisation> register_organisation(pqxx::work& tx, const Effects& fx,
                                           const NewOrganisation& o, const Actor& actor,
                                           const OrganisationId& new_id);
// Throws pqxx::unique_violation on a duplicate e-mail within the organisation.
Result<Participant> register_participant(pqxx::work& tx, const Effects& fx, const NewParticipant& p,
                                         const Actor& actor, const ParticipantId& new_id);
// Throws pqxx::unique_violation when the participant is already enrolled in the cohort.
Result<Enrolment> request_enrolment(pqxx::work& tx, const Effects& fx,
                                    const ParticipantId& participant, const CohortId& cohort,
                                    const Actor& actor, const EnrolmentId& new_id, Timestamp now);

// Transitions lock the enrolment's row (SELECT ... FOR UPDATE), so a concurrent transition waits
// and then decides from the state this one left; the write is also conditional on the version the
// decision was made from, so no two transitions can both succeed from the same version even if
// a caller forgot the lock.
Result<Enrolment> approve_enrolment(pqxx::work& tx, const Effects& fx, const EnrolmentId& id,
                                    const Actor& actor, const Clock& clock);
Result<Enrolment> withdraw_enrolment(pqxx::work& tx, const Effects& fx, const EnrolmentId& id,
                                     const Withdrawal& command, const Actor& actor,
                                     const Clock& clock);

}  // namespace samverkan::enrolment::app
