// POST /v1/participants, GET /v1/participants, GET /v1/participants/{id}
#include <chrono>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

#include "../app/commands.hpp"
#include "../repo/repo.hpp"
#include "routes.hpp"
#include "scope.hpp"
#include "shapes.hpp"

namespace samverkan::enrolment {

namespace {
int current_year() {
  using namespace std::chrono;
  return static_cast<int>(year_month_day{floor<days>(system_clock::now())}.year());
}
}  // namespace

void add_participant_routes(runtime::Service& service) {
  service.route(
      http::Method::Post, "/v1/participants", kPeopleManagers,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        NewParticipant p;
        const auto organisation_id = in.required_string("organisation_id", 36);
        p.organisation_id = OrganisationId(organisation_id);
        p.name = in.required_string("name");
        p.email = in.required_string("email", 254);
        p.gender = in.required_string("gender", 16);
        p.birth_year = in.required_int("birth_year", 1900, 2100);
        p.role = in.optional_string("role", 100).value_or("");
        if (!runtime::is_uuid(organisation_id)) in.fail("organisation_id", "must be a UUID");
        for (auto& e : validate(p, current_year())) in.fail(e.field, e.message);
        in.finish();
        const ParticipantId id(events::new_event_id());
        const auto actor = Actor::from(who);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto created = value_or_problem(app::register_participant(uow, p, actor, id));
          return writepath::WriteResult{201, to_json(created), "/v1/participants/" + id.str()};
        });
      });

  service.route(
      http::Method::Get, "/v1/participants", kPeopleManagers,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto page = runtime::read_page(req);
        const auto organisation = list_filter(who, runtime::uuid_query(req, "organisation_id"));
        const FederationId fed(who.federation);
        return runtime::page_response(to_json(service.db().transact([&](pqxx::work& tx) {
                                        return repo::list_participants(tx, fed, organisation, page);
                                      })),
                                      page);
      });

  service.route(http::Method::Get, "/v1/participants/{id}", kPeopleManagers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ParticipantId id(runtime::uuid_param(req, "id"));
                  const FederationId fed(who.federation);
                  auto found = service.db().transact(
                      [&](pqxx::work& tx) { return repo::find_participant(tx, fed, id); });
                  // A coordinator of another organisation learns nothing, not even that the
                  // participant exists.
                  if (!visible_to(Actor::from(who), found)) {
                    throw http::Problem::not_found("participant");
                  }
                  return http::json_response(200, to_json(*found));
                });
}

}  // namespace samverkan::enrolment
