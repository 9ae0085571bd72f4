// Keeps the replicas of sessions and attendance marks, and moves an enrolment's started_on when
// they change who attended first. The change is the service's own, made in the inbox transaction:
// its event goes to the outbox and its audit entry to the trail in that same transaction.
#include <samverkan/writepath/own_change.hpp>

#include "../app/commands.hpp"
#include "../handlers/routes.hpp"
#include "start_event.hpp"

namespace samverkan::enrolment {

namespace {
Timestamp event_now() {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}
}  // namespace

void add_start_replicas(runtime::Service& service) {
  const auto on_session = [&service](pqxx::work& tx, const events::Event& e) {
    const auto row = session_row_from(e.data);
    if (!repo::store_session(tx, row)) return;
    // A session that moved (or was cancelled) may change who started when.
    writepath::change_on_own_account(
        tx, "enrolment", row.federation.str(), e.id, service.outbox(),
        [&](writepath::UnitOfWork& uow) {
          for (const auto& [participant, cohort] : repo::attendees(tx, row.federation, row.id)) {
            app::record_start(uow, row.federation, participant, cohort, event_now());
          }
        });
  };
  service.on_event("se.samverkan.modules.session.scheduled.v1", on_session);
  service.on_event("se.samverkan.modules.session.changed.v1", on_session);
  service.on_event("se.samverkan.attendance.attendance.recorded.v1",
                   [&service](pqxx::work& tx, const events::Event& e) {
                     const auto row = mark_row_from(e.data);
                     if (!repo::store_mark(tx, row)) return;
                     writepath::change_on_own_account(
                         tx, "enrolment", row.federation.str(), e.id, service.outbox(),
                         [&](writepath::UnitOfWork& uow) {
                           app::record_start(uow, row.federation, row.participant, row.cohort,
                                             event_now());
                         });
                   });
}

}  // namespace samverkan::enrolment
