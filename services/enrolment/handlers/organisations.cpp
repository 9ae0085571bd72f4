// POST /v1/organisations, GET /v1/organisations, GET /v1/organisations/{id}
#include "../repo/enrolment_repo.hpp"
#include "routes.hpp"

#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::enrolment {

void add_organisation_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/organisations", kAdmins, [&service](http::Request& req, const auth::Principal& who) {
    const auto body = json::parse_object(req.body);
    json::ObjectReader in(body);
    NewOrganisation o{in.required_string("name"), in.required_string("org_number", 11), in.required_string("type", 32)};
    for (auto& e : validate(o)) in.fail(e.field, e.message);
    in.finish();
    const std::string id = events::new_event_id();
    try {
      auto created = service.db().transact([&](pqxx::work& tx) {
        auto row = repo::insert_organisation(tx, who.federation, id, o);
        service.outbox().append(tx, "se.samverkan.enrolment.organisation.registered.v1", "organisation", id,
                                organisation_registered(who.federation, id, o), req.header("traceparent"));
        return row;
      });
      return http::created_response(created, "/v1/organisations/" + id);
    } catch (const pqxx::unique_violation&) {
      throw http::Problem::conflict("an organisation with this organisation number is already registered");
    }
  });

  service.route(http::Method::Get, "/v1/organisations", kMembers, [&service](http::Request& req, const auth::Principal& who) {
    const auto page = runtime::read_page(req);
    return runtime::page_response(
        service.db().transact([&](pqxx::work& tx) { return repo::list_organisations(tx, who.federation, page); }), page);
  });

  service.route(http::Method::Get, "/v1/organisations/{id}", kMembers, [&service](http::Request& req, const auth::Principal& who) {
    const auto& id = runtime::uuid_param(req, "id");
    auto found = service.db().transact([&](pqxx::work& tx) { return repo::find_organisation(tx, who.federation, id); });
    if (!found) throw http::Problem::not_found("organisation");
    return http::json_response(200, *found);
  });
}

}  // namespace samverkan::enrolment
