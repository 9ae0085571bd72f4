// Replicas of sessions and approved enrolments, so a record can be checked without calling other
// services.
#include "../handlers/routes.hpp"
#include "../repo/attendance_repo.hpp"

namespace samverkan::attendance {

void add_replicas(runtime::Service& service) {
  service.on_event("se.samverkan.modules.session.scheduled.v1",
                   [](pqxx::work& tx, const events::Event& e) { repo::upsert_session(tx, e.data); });
  service.on_event("se.samverkan.enrolment.enrolment.approved.v1",
                   [](pqxx::work& tx, const events::Event& e) { repo::upsert_approved_enrolment(tx, e.data); });
}

}  // namespace samverkan::attendance
