// POST /v1/cohorts/{id}/sessions, GET /v1/cohorts/{id}/sessions
#include <memory>
#include <samverkan/http/problem.hpp>

#include "../domain/session.hpp"
#include "../repo/catalogue_repo.hpp"
#include "../repo/read_only.hpp"
#include "../repo/sessions_repo.hpp"
#include "../repo/time_zones.hpp"
#include "routes.hpp"
#include "views.hpp"

namespace samverkan::modules {

void add_session_routes(runtime::Service& service) {
  auto zones = std::make_shared<repo::TimeZones>();
  service.route(
      http::Method::Post, "/v1/cohorts/{id}/sessions", kPlanners,
      [&service, zones](http::Request& req, const auth::Principal& who) {
        const ids::CohortId cohort_id(runtime::uuid_param(req, "id"));
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        NewSession command;
        command.module_id = in.optional_string("module_id", 36);
        command.kind = in.required_string("kind", 32);
        command.title = in.required_string("title");
        command.starts_at = in.required_string("starts_at", 40);
        command.ends_at = in.required_string("ends_at", 40);
        command.time_zone = in.optional_string("time_zone", 64).value_or("Europe/Stockholm");
        command.delivery = in.required_string("delivery", 16);
        command.location = in.optional_string("location");
        if (command.module_id && !runtime::is_uuid(*command.module_id))
          in.fail("module_id", "must be a UUID");
        in.finish();
        const auto actor = actor_of(who);
        const auto context = new_context();
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto& tx = uow.tx();
          const auto cohort = repo::find_cohort(tx, actor.federation, cohort_id);
          std::optional<Module> module;
          if (cohort && command.module_id)
            module = repo::find_module(tx, actor.federation, ids::ModuleId(*command.module_id));
          auto decision =
              schedule_session(cohort, module, command, zones->names(tx), actor, context);
          if (!decision.ok()) answer(decision.error());
          const Session& s = decision.value().state;
          auto row = repo::insert_session(tx, s);
          uow.emit(*decision.value().event);
          uow.audit({"session.scheduled", "session", s.id.str(), std::nullopt, s.version,
                     writepath::Reason::none()});
          return writepath::WriteResult{201, to_json(row), ""};
        });
      });

  service.route(
      http::Method::Get, "/v1/cohorts/{id}/sessions", kReaders,
      [&service](http::Request& req, const auth::Principal& who) {
        const ids::CohortId cohort_id(runtime::uuid_param(req, "id"));
        const ids::FederationId federation(who.federation);
        const auto page = runtime::read_page(req);
        return runtime::page_response(
            to_json(repo::read_only(
                service.db(),
                [&](auto& tx) {
                  if (!repo::find_cohort(tx, federation, cohort_id))
                    throw http::Problem::not_found("cohort");
                  // Sessions page by (starts_at, id), so the cursor must be a session of this
                  // cohort.
                  if (!page.after.empty() && !repo::session_in_cohort(tx, federation, cohort_id,
                                                                      ids::SessionId(page.after))) {
                    throw http::Problem::bad_request("after is not a session of this cohort",
                                                     {{"after", "unknown cursor"}});
                  }
                  return repo::list_sessions(tx, federation, cohort_id, page);
                })),
            page);
      });
}

}  // namespace samverkan::modules
