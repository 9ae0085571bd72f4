// POST /v1/programmes/{id}/modules, GET /v1/programmes/{id}/modules
#include "../repo/catalogue_repo.hpp"
#include "routes.hpp"

#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::modules {

void add_module_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/programmes/{id}/modules", kPlanners, [&service](http::Request& req, const auth::Principal& who) {
    const auto& programme_id = runtime::uuid_param(req, "id");
    const auto body = json::parse_object(req.body);
    json::ObjectReader in(body);
    NewModule m{in.required_string("code", 32), in.required_string("title"), in.required_bool("mandatory"),
                in.required_int("planned_hours", 0, 1000)};
    in.finish();
    const std::string id = events::new_event_id();
    try {
      auto created = service.db().transact([&](pqxx::work& tx) {
        if (!repo::find_programme(tx, who.federation, programme_id)) throw http::Problem::not_found("programme");
        auto row = repo::insert_module(tx, who.federation, id, programme_id, m);
        service.outbox().append(tx, "se.samverkan.modules.module.created.v1", "module", id,
                                module_created(who.federation, id, programme_id, m), req.header("traceparent"));
        return row;
      });
      return http::json_response(201, created);
    } catch (const pqxx::unique_violation&) {
      throw http::Problem::conflict("this programme already has a module with that code");
    }
  });

  service.route(http::Method::Get, "/v1/programmes/{id}/modules", kReaders, [&service](http::Request& req, const auth::Principal& who) {
    const auto& programme_id = runtime::uuid_param(req, "id");
    const auto page = runtime::read_page(req);
    return runtime::page_response(service.db().transact([&](pqxx::work& tx) {
      if (!repo::find_programme(tx, who.federation, programme_id)) throw http::Problem::not_found("programme");
      return repo::list_modules(tx, who.federation, programme_id, page);
    }), page);
  });
}

}  // namespace samverkan::modules
