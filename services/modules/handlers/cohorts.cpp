// POST /v1/programmes/{id}/cohorts, GET /v1/programmes/{id}/cohorts, GET /v1/cohorts/{id}
#include <samverkan/http/problem.hpp>

#include "../domain/catalogue.hpp"
#include "../repo/catalogue_repo.hpp"
#include "../repo/read_only.hpp"
#include "programme_children.hpp"
#include "routes.hpp"
#include "views.hpp"

namespace samverkan::modules {

void add_cohort_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/programmes/{id}/cohorts", kPlanners,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::ProgrammeId programme_id(runtime::uuid_param(req, "id"));
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  NewCohort command{in.required_string("name"), in.required_string("starts_on", 10),
                                    in.required_string("ends_on", 10)};
                  in.finish();
                  const auto actor = actor_of(who);
                  const auto context = new_context();
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    auto decision = create_cohort(
                        repo::find_programme(uow.tx(), actor.federation, programme_id), command,
                        actor, context);
                    if (!decision.ok()) answer(decision.error());
                    const Cohort& c = decision.value().state;
                    uow.on_unique_violation("this programme already has a cohort with that name");
                    repo::insert_cohort(uow.tx(), c);
                    uow.emit(*decision.value().event);
                    uow.audit(created("cohort", c.id.str(), c.version));
                    return writepath::WriteResult{201, to_json(c), "/v1/cohorts/" + c.id.str()};
                  });
                });

  service.route(http::Method::Get, "/v1/cohorts/{id}", kReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::CohortId id(runtime::uuid_param(req, "id"));
                  const ids::FederationId federation(who.federation);
                  auto found = repo::read_only(service.db(), [&](auto& tx) {
                    return repo::find_cohort(tx, federation, id);
                  });
                  if (!found) throw http::Problem::not_found("cohort");
                  return http::json_response(200, to_json(*found));
                });

  service.route(http::Method::Get, "/v1/programmes/{id}/cohorts", kReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  return programme_children_page(service, req, who, [](auto& tx, auto&&... args) {
                    return repo::list_cohorts(tx, args...);
                  });
                });
}

}  // namespace samverkan::modules
