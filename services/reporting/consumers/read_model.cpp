// Builds the read model from every topic. Each handler runs inside the inbox transaction.
#include "../repo/read_model.hpp"
#include "../handlers/routes.hpp"

namespace samverkan::reporting {

void add_read_model(runtime::Service& service) {
  using events::Event;
  service.on_event("se.samverkan.enrolment.organisation.registered.v1",
                   [](pqxx::work& tx, const Event& e) { repo::apply_organisation(tx, e.data); });
  service.on_event("se.samverkan.enrolment.participant.registered.v1",
                   [](pqxx::work& tx, const Event& e) { repo::apply_participant(tx, e.data); });
  service.on_event("se.samverkan.enrolment.enrolment.requested.v1",
                   [](pqxx::work& tx, const Event& e) { repo::apply_enrolment(tx, e.data, "pending"); });
  service.on_event("se.samverkan.enrolment.enrolment.approved.v1",
                   [](pqxx::work& tx, const Event& e) { repo::apply_enrolment(tx, e.data, "approved"); });
  service.on_event("se.samverkan.modules.cohort.created.v1",
                   [](pqxx::work& tx, const Event& e) { repo::apply_cohort(tx, e.data); });
  service.on_event("se.samverkan.modules.module.created.v1",
                   [](pqxx::work& tx, const Event& e) { repo::apply_module(tx, e.data); });
  service.on_event("se.samverkan.modules.session.scheduled.v1",
                   [](pqxx::work& tx, const Event& e) { repo::apply_session(tx, e.data); });
  service.on_event("se.samverkan.attendance.attendance.recorded.v1",
                   [](pqxx::work& tx, const Event& e) { repo::apply_attendance(tx, e.data, e.id); });
}

}  // namespace samverkan::reporting
