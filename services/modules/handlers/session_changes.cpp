// POST /v1/sessions/{session_id}/reschedule, POST /v1/sessions/{session_id}/cancel, and
// GET /v1/sessions/{session_id}. A change locks the session's row, decides on its current state,
// and writes the next version with its session.changed event in one transaction; a change that
// changes nothing (the same times again) answers the session as it is and emits nothing.
#include <samverkan/http/problem.hpp>

#include "../domain/session.hpp"
#include "../repo/read_only.hpp"
#include "../repo/sessions_repo.hpp"
#include "routes.hpp"
#include "views.hpp"

namespace samverkan::modules {

namespace {

// Locks the session, decides, and stores the decision. decide(current) -> Result<Decision>.
template <class Decide>
repo::SessionRow change_session(runtime::Service& service, const http::Request& req,
                                const Actor& actor, const ids::SessionId& id, Decide decide) {
  return service.db().transact([&](pqxx::work& tx) {
    const auto current = repo::lock_session(tx, actor.federation, id);
    if (!current) throw http::Problem::not_found("session");
    auto decision = decide(current->session);
    if (!decision.ok()) answer(decision.error());
    if (!decision.value().event) return *current;
    auto row = repo::update_session(tx, decision.value().state);
    service.outbox().append(tx, *decision.value().event, req.header("traceparent"));
    return row;
  });
}

}  // namespace

void add_session_change_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/sessions/{session_id}/reschedule", kPlanners,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId id(runtime::uuid_param(req, "session_id"));
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  Reschedule command{in.required_string("starts_at", 40),
                                     in.required_string("ends_at", 40),
                                     in.required_string("reason", 500)};
                  in.finish();
                  const auto actor = actor_of(who);
                  const auto context = new_context();
                  auto row = change_session(service, req, actor, id, [&](const Session& current) {
                    return reschedule_session(current, command, actor, context);
                  });
                  return http::json_response(200, to_json(row));
                });

  service.route(http::Method::Post, "/v1/sessions/{session_id}/cancel", kPlanners,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId id(runtime::uuid_param(req, "session_id"));
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  Cancel command{in.required_string("reason", 500)};
                  in.finish();
                  const auto actor = actor_of(who);
                  const auto context = new_context();
                  auto row = change_session(service, req, actor, id, [&](const Session& current) {
                    return cancel_session(current, command, actor, context);
                  });
                  return http::json_response(200, to_json(row));
                });

  service.route(http::Method::Get, "/v1/sessions/{session_id}", kReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId id(runtime::uuid_param(req, "session_id"));
                  const ids::FederationId federation(who.federation);
                  auto found = repo::read_only(service.db(), [&](auto& tx) {
                    return repo::find_session(tx, federation, id);
                  });
                  if (!found) throw http::Problem::not_found("session");
                  return http::json_response(200, to_json(*found));
                });
}

}  // namespace samverkan::modules
