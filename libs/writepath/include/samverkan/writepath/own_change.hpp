#pragma once
// A change a service makes on its own account, not for a request: in an inbox transaction, when
// an event from another service moves one of its aggregates. It is the same unit of work as a
// request's (events to the outbox, one audit entry per state change), with the service itself as
// the actor and the causing event's id as the request id, so the trail says why it happened.
#include <pqxx/pqxx>
#include <string>

#include "audit_log.hpp"
#include "unit_of_work.hpp"

namespace samverkan::writepath {

template <class Work>
void change_on_own_account(pqxx::work& tx, const std::string& service,
                           const std::string& federation, const std::string& cause_id,
                           const events::Outbox& outbox, Work&& work) {
  const Actor actor{"samverkan:" + service, {}, federation, cause_id, ""};
  UnitOfWork uow(tx, actor, outbox);
  work(uow);
  append_audit(tx, actor, uow.entries());
}

}  // namespace samverkan::writepath
