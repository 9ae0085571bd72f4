// POST /v1/enrolments, GET /v1/enrolments, GET /v1/enrolments/{id},
// POST /v1/enrolments/{id}/approve, POST /v1/enrolments/{id}/withdraw
#include <algorithm>
#include <cctype>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

#include "../app/commands.hpp"
#include "../repo/repo.hpp"
#include "routes.hpp"
#include "scope.hpp"
#include "shapes.hpp"

namespace samverkan::enrolment {

namespace {
bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

// {"left_on": "YYYY-MM-DD", "reason": "..."}; malformed input is a 400 naming the field.
Withdrawal read_withdrawal(const std::string& body_text) {
  const auto body = json::parse_object(body_text);
  json::ObjectReader in(body);
  const auto left_on_text = in.required_string("left_on", 10);
  const auto reason = in.required_string("reason", 500);
  const auto left_on = parse_date(left_on_text);
  if (!left_on_text.empty() && !left_on) in.fail("left_on", "must be a date YYYY-MM-DD");
  if (!reason.empty() && blank(reason)) in.fail("reason", "must not be blank");
  in.finish();
  return {*left_on, reason};
}
}  // namespace

void add_enrolment_routes(runtime::Service& service) {
  service.route(
      http::Method::Post, "/v1/enrolments", kPeopleManagers,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        const auto participant_id = in.required_string("participant_id", 36);
        const auto cohort_id = in.required_string("cohort_id", 36);
        if (!runtime::is_uuid(participant_id)) in.fail("participant_id", "must be a UUID");
        if (!runtime::is_uuid(cohort_id)) in.fail("cohort_id", "must be a UUID");
        in.finish();
        const EnrolmentId id(events::new_event_id());
        const auto actor = Actor::from(who);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto created = value_or_problem(app::request_enrolment(
              uow, ParticipantId(participant_id), CohortId(cohort_id), actor, id, now()));
          return writepath::WriteResult{201, to_json(created), "/v1/enrolments/" + id.str()};
        });
      });

  service.route(
      http::Method::Post, "/v1/enrolments/{id}/approve", kPeopleManagers,
      [&service](http::Request& req, const auth::Principal& who) {
        const EnrolmentId id(runtime::uuid_param(req, "id"));
        if (!req.body.empty())
          json::ObjectReader(json::parse_object(req.body)).finish();  // only {} is accepted
        const auto actor = Actor::from(who);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto approved = value_or_problem(app::approve_enrolment(uow, id, actor, now));
          return writepath::WriteResult{200, to_json(approved), ""};
        });
      });

  service.route(http::Method::Post, "/v1/enrolments/{id}/withdraw", kPeopleManagers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const EnrolmentId id(runtime::uuid_param(req, "id"));
                  const auto command = read_withdrawal(req.body);
                  const auto actor = Actor::from(who);
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    auto withdrawn =
                        value_or_problem(app::withdraw_enrolment(uow, id, command, actor, now));
                    return writepath::WriteResult{200, to_json(withdrawn), ""};
                  });
                });

  service.route(http::Method::Get, "/v1/enrolments/{id}", kPeopleManagers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const EnrolmentId id(runtime::uuid_param(req, "id"));
                  const FederationId fed(who.federation);
                  auto found = service.db().transact(
                      [&](pqxx::work& tx) { return repo::find_enrolment(tx, fed, id); });
                  if (!visible_to(Actor::from(who), found)) {
                    throw http::Problem::not_found("enrolment");
                  }
                  return http::json_response(200, to_json(*found));
                });

  service.route(http::Method::Get, "/v1/enrolments", kPeopleManagers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto page = runtime::read_page(req);
                  const auto cohort = runtime::uuid_query(req, "cohort_id");
                  const auto organisation =
                      list_filter(who, runtime::uuid_query(req, "organisation_id"));
                  const FederationId fed(who.federation);
                  return runtime::page_response(
                      to_json(service.db().transact([&](pqxx::work& tx) {
                        return repo::list_enrolments(
                            tx, fed, cohort ? std::optional<CohortId>(*cohort) : std::nullopt,
                            organisation, page);
                      })),
                      page);
                });
}

}  // namespace samverkan::enrolment
