// POST /v1/sessions/{session_id}/reschedule, POST /v1/sessions/{session_id}/cancel, and
// GET /v1/sessions/{session_id}. A change runs as one unit of work: lock the session's row,
// decide on its current state, write the next version with its session.changed event and an
// audit entry holding the reason. A change that changes nothing (the same times again) answers
// the session as it is, with no event and no audit entry.
#include <samverkan/http/problem.hpp>

#include "../domain/session.hpp"
#include "../repo/read_only.hpp"
#include "../repo/sessions_repo.hpp"
#include "routes.hpp"
#include "views.hpp"

namespace samverkan::modules {

namespace {

// decide(current, actor) -> Result<Decision<Session, SessionChanged>>.
template <class Decide>
http::Response change_session(runtime::Service& service, http::Request& req,
                              const auth::Principal& who, const ids::SessionId& id,
                              const char* action, const std::string& reason, Decide decide) {
  const Actor actor = actor_of(who);
  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
    const auto current = repo::lock_session(uow.tx(), actor.federation, id);
    if (!current) throw http::Problem::not_found("session");
    auto decision = decide(current->session, actor);
    if (!decision.ok()) answer(decision.error());
    if (!decision.value().event) return writepath::WriteResult{200, to_json(*current), ""};
    const Session& next = decision.value().state;
    auto row = repo::update_session(uow.tx(), next);
    uow.emit(*decision.value().event);
    uow.audit({action, "session", id.str(), current->session.version, next.version,
               writepath::Reason::given(reason)});
    return writepath::WriteResult{200, to_json(row), ""};
  });
}

}  // namespace

void add_session_change_routes(runtime::Service& service) {
  service.route(
      http::Method::Post, "/v1/sessions/{session_id}/reschedule", kPlanners,
      [&service](http::Request& req, const auth::Principal& who) {
        const ids::SessionId id(runtime::uuid_param(req, "session_id"));
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        Reschedule command{in.required_string("starts_at", 40), in.required_string("ends_at", 40),
                           in.required_string("reason", 500)};
        in.finish();
        const auto context = new_context();
        return change_session(service, req, who, id, "session.rescheduled", command.reason,
                              [&](const Session& current, const Actor& actor) {
                                return reschedule_session(current, command, actor, context);
                              });
      });

  service.route(http::Method::Post, "/v1/sessions/{session_id}/cancel", kPlanners,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId id(runtime::uuid_param(req, "session_id"));
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  Cancel command{in.required_string("reason", 500)};
                  in.finish();
                  const auto context = new_context();
                  return change_session(service, req, who, id, "session.cancelled", command.reason,
                                        [&](const Session& current, const Actor& actor) {
                                          return cancel_session(current, command, actor, context);
                                        });
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
