#pragma once
// SQL for sessions: rows to and from domain::Session, plus the local wall times PostgreSQL
// computes in the session's zone for display. Every function filters on the caller's federation.
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/ids/ids.hpp>
#include <samverkan/runtime/paging.hpp>
#include <string>
#include <vector>

#include "../domain/aggregates.hpp"

namespace samverkan::modules::repo {

// A session as read, with its start and end as local wall time (YYYY-MM-DDTHH:MM) in its zone.
struct SessionRow {
  Session session;
  std::string local_start;
  std::string local_end;
};

SessionRow insert_session(pqxx::transaction_base& tx, const Session& s);
std::optional<SessionRow> find_session(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                       const ids::SessionId& id);
// The same, locking the row until the transaction ends, so concurrent changes apply one by one.
std::optional<SessionRow> lock_session(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                       const ids::SessionId& id);
// Writes the next state over the one with version next.version - 1 (the locked one). Throws
// std::logic_error if that version is no longer there, which the lock rules out.
SessionRow update_session(pqxx::transaction_base& tx, const Session& next);

// True if id is a session of this cohort in this federation (a valid paging cursor).
bool session_in_cohort(pqxx::transaction_base& tx, const ids::FederationId& fed,
                       const ids::CohortId& cohort, const ids::SessionId& id);
std::vector<SessionRow> list_sessions(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                      const ids::CohortId& cohort, const runtime::Page& page);

}  // namespace samverkan::modules::repo
