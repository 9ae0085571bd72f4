// POST /v1/enrolments, GET /v1/enrolments, GET /v1/enrolments/{id}, POST /v1/enrolments/{id}/approve
#include "../repo/enrolment_repo.hpp"
#include "routes.hpp"
#include "scope.hpp"

#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::enrolment {

namespace {
boost::json::object enrolment_event(const std::string& federation, const boost::json::object& row, const char* when,
                                    const char* when_field) {
  return {{"federation_id", federation},           {"enrolment_id", row.at("id")},
          {"participant_id", row.at("participant_id")}, {"organisation_id", row.at("organisation_id")},
          {"cohort_id", row.at("cohort_id")},      {when, row.at(when_field)}};
}
}  // namespace

void add_enrolment_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/enrolments", kPeopleManagers, [&service](http::Request& req, const auth::Principal& who) {
    const auto body = json::parse_object(req.body);
    json::ObjectReader in(body);
    const auto participant_id = in.required_string("participant_id", 36);
    const auto cohort_id = in.required_string("cohort_id", 36);
    if (!runtime::is_uuid(participant_id)) in.fail("participant_id", "must be a UUID");
    if (!runtime::is_uuid(cohort_id)) in.fail("cohort_id", "must be a UUID");
    in.finish();
    const std::string id = events::new_event_id();
    try {
      auto created = service.db().transact([&](pqxx::work& tx) {
        const auto participant = repo::find_participant(tx, who.federation, participant_id);
        if (!visible_to(who, participant)) {
          throw http::Problem::unprocessable("unknown participant", {{"participant_id", "no such participant"}});
        }
        if (!repo::cohort_known(tx, who.federation, cohort_id)) {
          throw http::Problem::unprocessable("unknown cohort", {{"cohort_id", "no such cohort (a new cohort can take a moment to arrive)"}});
        }
        auto row = repo::insert_enrolment(tx, who.federation, id, participant_id,
                                          std::string(participant->at("organisation_id").as_string()), cohort_id);
        service.outbox().append(tx, "se.samverkan.enrolment.enrolment.requested.v1", "enrolment", id,
                                enrolment_event(who.federation, row, "requested_at", "requested_at"), req.header("traceparent"));
        return row;
      });
      return http::created_response(created, "/v1/enrolments/" + id);
    } catch (const pqxx::unique_violation&) {
      throw http::Problem::conflict("the participant is already enrolled in this cohort");
    }
  });

  service.route(http::Method::Post, "/v1/enrolments/{id}/approve", kPeopleManagers, [&service](http::Request& req, const auth::Principal& who) {
    const auto& id = runtime::uuid_param(req, "id");
    if (!req.body.empty()) json::ObjectReader(json::parse_object(req.body)).finish();  // only {} is accepted
    auto approved = service.db().transact([&](pqxx::work& tx) {
      const auto enrolment = repo::find_enrolment(tx, who.federation, id, repo::Lock::ForUpdate);
      if (!visible_to(who, enrolment)) {
        throw http::Problem::not_found("enrolment");
      }
      if (enrolment->at("status").as_string() == "approved") throw http::Problem::conflict("the enrolment is already approved");
      auto row = repo::approve_enrolment(tx, who.federation, id, who.subject);
      service.outbox().append(tx, "se.samverkan.enrolment.enrolment.approved.v1", "enrolment", id,
                              enrolment_event(who.federation, row, "approved_at", "approved_at"), req.header("traceparent"));
      return row;
    });
    return http::json_response(200, approved);
  });

  service.route(http::Method::Get, "/v1/enrolments/{id}", kPeopleManagers, [&service](http::Request& req, const auth::Principal& who) {
    const auto& id = runtime::uuid_param(req, "id");
    auto found = service.db().transact([&](pqxx::work& tx) { return repo::find_enrolment(tx, who.federation, id); });
    if (!visible_to(who, found)) {
      throw http::Problem::not_found("enrolment");
    }
    return http::json_response(200, *found);
  });

  service.route(http::Method::Get, "/v1/enrolments", kPeopleManagers, [&service](http::Request& req, const auth::Principal& who) {
    const auto page = runtime::read_page(req);
    const auto cohort = runtime::uuid_query(req, "cohort_id");
    const auto organisation = list_filter(who, runtime::uuid_query(req, "organisation_id"));
    return runtime::page_response(service.db().transact([&](pqxx::work& tx) {
      return repo::list_enrolments(tx, who.federation, cohort, organisation, page);
    }), page);
  });
}

}  // namespace samverkan::enrolment
