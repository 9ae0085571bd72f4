// POST /v1/organisations, GET /v1/organisations, GET /v1/organisations/{id}
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

#include "../app/commands.hpp"
#include "../repo/repo.hpp"
#include "routes.hpp"
#include "shapes.hpp"

namespace samverkan::enrolment {

void add_organisation_routes(runtime::Service& service) {
  service.route(
      http::Method::Post, "/v1/organisations", kAdmins,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        NewOrganisation o{in.required_string("name"), in.required_string("org_number", 11),
                          in.required_string("type", 32)};
        for (auto& e : validate(o)) in.fail(e.field, e.message);
        in.finish();
        const OrganisationId id(events::new_event_id());
        const auto actor = Actor::from(who);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto created = value_or_problem(app::register_organisation(uow, o, actor, id));
          return writepath::WriteResult{201, to_json(created), "/v1/organisations/" + id.str()};
        });
      });

  service.route(http::Method::Get, "/v1/organisations", kMembers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto page = runtime::read_page(req);
                  const FederationId fed(who.federation);
                  return runtime::page_response(to_json(service.db().transact([&](pqxx::work& tx) {
                                                  return repo::list_organisations(tx, fed, page);
                                                })),
                                                page);
                });

  service.route(http::Method::Get, "/v1/organisations/{id}", kMembers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const OrganisationId id(runtime::uuid_param(req, "id"));
                  const FederationId fed(who.federation);
                  auto found = service.db().transact(
                      [&](pqxx::work& tx) { return repo::find_organisation(tx, fed, id); });
                  if (!found) throw http::Problem::not_found("organisation");
                  return http::json_response(200, to_json(*found));
                });
}

}  // namespace samverkan::enrolment
