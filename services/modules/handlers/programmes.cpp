// POST /v1/programmes, GET /v1/programmes, GET /v1/programmes/{id}
#include <samverkan/http/problem.hpp>

#include "../domain/catalogue.hpp"
#include "../repo/catalogue_repo.hpp"
#include "../repo/read_only.hpp"
#include "routes.hpp"
#include "views.hpp"

namespace samverkan::modules {

void add_programme_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/programmes", kPlanners,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  NewProgramme command{in.required_string("title"),
                                       in.optional_string("description", 4000),
                                       in.optional_string("funder")};
                  in.finish();
                  const auto decision = create_programme(command, actor_of(who), new_context());
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    const Programme& p = decision.state;
                    repo::insert_programme(uow.tx(), p);
                    uow.emit(*decision.event);
                    uow.audit(created("programme", p.id.str(), p.version));
                    return writepath::WriteResult{201, to_json(p), "/v1/programmes/" + p.id.str()};
                  });
                });

  // The hot read: one statement, no transaction, no other lookup.
  service.route(http::Method::Get, "/v1/programmes", kReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto page = runtime::read_page(req);
                  const ids::FederationId federation(who.federation);
                  return runtime::page_response(
                      to_json(repo::read_only(
                          service.db(),
                          [&](auto& tx) { return repo::list_programmes(tx, federation, page); })),
                      page);
                });

  service.route(http::Method::Get, "/v1/programmes/{id}", kReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::ProgrammeId id(runtime::uuid_param(req, "id"));
                  const ids::FederationId federation(who.federation);
                  auto found = repo::read_only(service.db(), [&](auto& tx) {
                    return repo::find_programme(tx, federation, id);
                  });
                  if (!found) throw http::Problem::not_found("programme");
                  return http::json_response(200, to_json(*found));
                });
}

}  // namespace samverkan::modules
