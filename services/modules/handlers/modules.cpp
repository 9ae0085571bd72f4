// POST /v1/programmes/{id}/modules, GET /v1/programmes/{id}/modules
#include <samverkan/http/problem.hpp>

#include "../domain/catalogue.hpp"
#include "../repo/catalogue_repo.hpp"
#include "../repo/read_only.hpp"
#include "programme_children.hpp"
#include "routes.hpp"
#include "views.hpp"

namespace samverkan::modules {

void add_module_routes(runtime::Service& service) {
  service.route(
      http::Method::Post, "/v1/programmes/{id}/modules", kPlanners,
      [&service](http::Request& req, const auth::Principal& who) {
        const ids::ProgrammeId programme_id(runtime::uuid_param(req, "id"));
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        NewModule command{in.required_string("code", 32), in.required_string("title"),
                          in.required_bool("mandatory"), in.required_int("planned_hours", 0, 1000)};
        in.finish();
        const auto actor = actor_of(who);
        const auto context = new_context();
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto decision =
              create_module(repo::find_programme(uow.tx(), actor.federation, programme_id), command,
                            actor, context);
          if (!decision.ok()) answer(decision.error());
          const Module& m = decision.value().state;
          uow.on_unique_violation("this programme already has a module with that code");
          repo::insert_module(uow.tx(), m);
          uow.emit(*decision.value().event);
          uow.audit(created("module", m.id.str(), m.version));
          return writepath::WriteResult{201, to_json(m), ""};
        });
      });

  service.route(http::Method::Get, "/v1/programmes/{id}/modules", kReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  return programme_children_page(service, req, who, [](auto& tx, auto&&... args) {
                    return repo::list_modules(tx, args...);
                  });
                });
}

}  // namespace samverkan::modules
