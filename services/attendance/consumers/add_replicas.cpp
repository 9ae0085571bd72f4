// Wires the replica handlers to the inbox consumer.
#include "../handlers/routes.hpp"
#include "replicas.hpp"

namespace samverkan::attendance {

void add_replicas(runtime::Service& service) {
  service.on_event(replicas::kSessionScheduled, [](pqxx::work& tx, const events::Event& e) {
    replicas::on_session_scheduled(tx, e);
  });
  service.on_event(replicas::kSessionChanged, [](pqxx::work& tx, const events::Event& e) {
    replicas::on_session_changed(tx, e);
  });
  // A session's programme and its attendance policy, for imports (ADR 0072).
  service.on_event(replicas::kCohortCreated, [](pqxx::work& tx, const events::Event& e) {
    replicas::on_cohort_created(tx, e);
  });
  for (const char* type : {replicas::kProgrammeCreated, replicas::kProgrammeChanged}) {
    service.on_event(type,
                     [](pqxx::work& tx, const events::Event& e) { replicas::on_programme(tx, e); });
  }
  service.on_event(replicas::kEnrolmentApproved, [](pqxx::work& tx, const events::Event& e) {
    replicas::on_enrolment_approved(tx, e);
  });
  service.on_event(replicas::kEnrolmentChanged, [](pqxx::work& tx, const events::Event& e) {
    replicas::on_enrolment_changed(tx, e);
  });
  // Both replicas of a participant: the e-mail for imports, the token subject for participants.
  service.on_event(replicas::kParticipantRegistered, [](pqxx::work& tx, const events::Event& e) {
    replicas::on_participant_registered(tx, e);
    replicas::on_participant(tx, e);
  });
  // participant.changed carries the same full state (a new e-mail or login link), by version.
  service.on_event(replicas::kParticipantChanged, [](pqxx::work& tx, const events::Event& e) {
    replicas::on_participant_changed(tx, e);
    replicas::on_participant(tx, e);
  });
}

}  // namespace samverkan::attendance
