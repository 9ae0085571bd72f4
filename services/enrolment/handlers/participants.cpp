// POST /v1/participants, GET /v1/participants, GET /v1/participants/{id}
#include "../repo/enrolment_repo.hpp"
#include "routes.hpp"
#include "scope.hpp"

#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

#include <chrono>

namespace samverkan::enrolment {

namespace {
int current_year() {
  using namespace std::chrono;
  return static_cast<int>(year_month_day{floor<days>(system_clock::now())}.year());
}
}  // namespace

void add_participant_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/participants", kPeopleManagers, [&service](http::Request& req, const auth::Principal& who) {
    const auto body = json::parse_object(req.body);
    json::ObjectReader in(body);
    NewParticipant p;
    p.organisation_id = in.required_string("organisation_id", 36);
    p.name = in.required_string("name");
    p.email = in.required_string("email", 254);
    p.gender = in.required_string("gender", 16);
    p.birth_year = in.required_int("birth_year", 1900, 2100);
    p.role = in.optional_string("role", 100).value_or("");
    if (!runtime::is_uuid(p.organisation_id)) in.fail("organisation_id", "must be a UUID");
    for (auto& e : validate(p, current_year())) in.fail(e.field, e.message);
    in.finish();
    if (!may_act_for(who, p.organisation_id)) throw http::Problem::forbidden("you may only register participants of your own organisation");
    const std::string id = events::new_event_id();
    try {
      auto created = service.db().transact([&](pqxx::work& tx) {
        if (!repo::find_organisation(tx, who.federation, p.organisation_id)) {
          throw http::Problem::unprocessable("unknown organisation", {{"organisation_id", "no such organisation"}});
        }
        auto row = repo::insert_participant(tx, who.federation, id, p);
        service.outbox().append(tx, "se.samverkan.enrolment.participant.registered.v1", "participant", id,
                                participant_registered(who.federation, id, p), req.header("traceparent"));
        return row;
      });
      return http::created_response(created, "/v1/participants/" + id);
    } catch (const pqxx::unique_violation&) {
      throw http::Problem::conflict("a participant with this e-mail address is already registered");
    }
  });

  service.route(http::Method::Get, "/v1/participants", kPeopleManagers, [&service](http::Request& req, const auth::Principal& who) {
    const auto page = runtime::read_page(req);
    const auto organisation = list_filter(who, runtime::uuid_query(req, "organisation_id"));
    return runtime::page_response(service.db().transact([&](pqxx::work& tx) {
      return repo::list_participants(tx, who.federation, organisation, page);
    }), page);
  });

  service.route(http::Method::Get, "/v1/participants/{id}", kPeopleManagers, [&service](http::Request& req, const auth::Principal& who) {
    const auto& id = runtime::uuid_param(req, "id");
    auto found = service.db().transact([&](pqxx::work& tx) { return repo::find_participant(tx, who.federation, id); });
    // A coordinator of another organisation learns nothing, not even that the participant exists.
    if (!visible_to(who, found)) {
      throw http::Problem::not_found("participant");
    }
    return http::json_response(200, *found);
  });
}

}  // namespace samverkan::enrolment
