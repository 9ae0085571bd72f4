// POST /v1/programmes/{id}/cohorts, GET /v1/programmes/{id}/cohorts, GET /v1/cohorts/{id}
#include "../repo/catalogue_repo.hpp"
#include "routes.hpp"

#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::modules {

void add_cohort_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/programmes/{id}/cohorts", kPlanners, [&service](http::Request& req, const auth::Principal& who) {
    const auto& programme_id = runtime::uuid_param(req, "id");
    const auto body = json::parse_object(req.body);
    json::ObjectReader in(body);
    NewCohort c{in.required_string("name"), in.required_string("starts_on", 10), in.required_string("ends_on", 10)};
    for (auto& e : validate(c)) in.fail(e.field, e.message);
    in.finish();
    const std::string id = events::new_event_id();
    try {
      auto created = service.db().transact([&](pqxx::work& tx) {
        if (!repo::find_programme(tx, who.federation, programme_id)) throw http::Problem::not_found("programme");
        auto row = repo::insert_cohort(tx, who.federation, id, programme_id, c);
        service.outbox().append(tx, "se.samverkan.modules.cohort.created.v1", "cohort", id,
                                cohort_created(who.federation, id, programme_id, c), req.header("traceparent"));
        return row;
      });
      return http::created_response(created, "/v1/cohorts/" + id);
    } catch (const pqxx::unique_violation&) {
      throw http::Problem::conflict("this programme already has a cohort with that name");
    }
  });

  service.route(http::Method::Get, "/v1/cohorts/{id}", kReaders, [&service](http::Request& req, const auth::Principal& who) {
    const auto& id = runtime::uuid_param(req, "id");
    auto found = service.db().transact([&](pqxx::work& tx) { return repo::find_cohort(tx, who.federation, id); });
    if (!found) throw http::Problem::not_found("cohort");
    return http::json_response(200, *found);
  });

  service.route(http::Method::Get, "/v1/programmes/{id}/cohorts", kReaders, [&service](http::Request& req, const auth::Principal& who) {
    const auto& programme_id = runtime::uuid_param(req, "id");
    const auto page = runtime::read_page(req);
    return runtime::page_response(service.db().transact([&](pqxx::work& tx) {
      if (!repo::find_programme(tx, who.federation, programme_id)) throw http::Problem::not_found("programme");
      return repo::list_cohorts(tx, who.federation, programme_id, page);
    }), page);
  });
}

}  // namespace samverkan::modules
