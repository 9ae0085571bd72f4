// POST /v1/programmes, GET /v1/programmes, GET /v1/programmes/{id}
#include "../repo/catalogue_repo.hpp"
#include "routes.hpp"

#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::modules {

void add_programme_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/programmes", kPlanners, [&service](http::Request& req, const auth::Principal& who) {
    const auto body = json::parse_object(req.body);
    json::ObjectReader in(body);
    NewProgramme p{in.required_string("title"), in.optional_string("description", 4000), in.optional_string("funder")};
    in.finish();
    const std::string id = events::new_event_id();
    auto created = service.db().transact([&](pqxx::work& tx) {
      auto row = repo::insert_programme(tx, who.federation, id, p);
      service.outbox().append(tx, "se.samverkan.modules.programme.created.v1", "programme", id,
                              programme_created(who.federation, id, p), req.header("traceparent"));
      return row;
    });
    return http::created_response(created, "/v1/programmes/" + id);
  });

  service.route(http::Method::Get, "/v1/programmes", kReaders, [&service](http::Request& req, const auth::Principal& who) {
    const auto page = runtime::read_page(req);
    return runtime::page_response(
        service.db().transact([&](pqxx::work& tx) { return repo::list_programmes(tx, who.federation, page); }), page);
  });

  service.route(http::Method::Get, "/v1/programmes/{id}", kReaders, [&service](http::Request& req, const auth::Principal& who) {
    const auto& id = runtime::uuid_param(req, "id");
    auto found = service.db().transact([&](pqxx::work& tx) { return repo::find_programme(tx, who.federation, id); });
    if (!found) throw http::Problem::not_found("programme");
    return http::json_response(200, *found);
  });
}

}  // namespace samverkan::modules
