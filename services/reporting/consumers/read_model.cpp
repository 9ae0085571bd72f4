// Builds the read model and its totals from every topic. Each handler runs inside the inbox
// transaction, which may hold a batch of events.
#include "read_model.hpp"

#include "../handlers/routes.hpp"
#include "../repo/read_model.hpp"

namespace samverkan::reporting {

const std::vector<std::pair<std::string, events::EventHandler>>& read_model_handlers() {
  using events::Event;
  using repo::EnrolmentEvent;
  static const std::vector<std::pair<std::string, events::EventHandler>> handlers{
      {"se.samverkan.enrolment.organisation.registered.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_organisation(tx, e.data); }},
      {"se.samverkan.enrolment.participant.registered.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_participant(tx, e.data); }},
      {"se.samverkan.enrolment.enrolment.requested.v1",
       [](pqxx::work& tx, const Event& e) {
         repo::apply_enrolment(tx, e.data, EnrolmentEvent::Requested);
       }},
      {"se.samverkan.enrolment.enrolment.approved.v1",
       [](pqxx::work& tx, const Event& e) {
         repo::apply_enrolment(tx, e.data, EnrolmentEvent::Approved);
       }},
      {"se.samverkan.enrolment.enrolment.changed.v1",
       [](pqxx::work& tx, const Event& e) {
         repo::apply_enrolment(tx, e.data, EnrolmentEvent::Changed);
       }},
      {"se.samverkan.modules.cohort.created.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_cohort(tx, e.data); }},
      {"se.samverkan.modules.module.created.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_module(tx, e.data); }},
      {"se.samverkan.modules.session.scheduled.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_session(tx, e.data); }},
      {"se.samverkan.modules.session.changed.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_session(tx, e.data); }},
      {"se.samverkan.attendance.attendance.recorded.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_attendance(tx, e.data, e.id); }},
  };
  return handlers;
}

void add_read_model(runtime::Service& service) {
  for (const auto& [type, handler] : read_model_handlers()) service.on_event(type, handler);
}

}  // namespace samverkan::reporting
