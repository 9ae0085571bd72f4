// POST /v1/cohorts/{id}/sessions, GET /v1/cohorts/{id}/sessions
#include "../repo/catalogue_repo.hpp"
#include "routes.hpp"

#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::modules {

void add_session_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/cohorts/{id}/sessions", kPlanners, [&service](http::Request& req, const auth::Principal& who) {
    const auto& cohort_id = runtime::uuid_param(req, "id");
    const auto body = json::parse_object(req.body);
    json::ObjectReader in(body);
    NewSession s;
    s.module_id = in.optional_string("module_id", 36);
    s.kind = in.required_string("kind", 32);
    s.title = in.required_string("title");
    s.starts_at = in.required_string("starts_at", 40);
    s.ends_at = in.required_string("ends_at", 40);
    s.time_zone = in.optional_string("time_zone", 64).value_or("Europe/Stockholm");
    s.delivery = in.required_string("delivery", 16);
    s.location = in.optional_string("location");
    if (s.module_id && !runtime::is_uuid(*s.module_id)) in.fail("module_id", "must be a UUID");
    for (auto& e : validate(s)) in.fail(e.field, e.message);
    in.finish();
    // Events carry times normalised to UTC.
    s.starts_at = json::format_rfc3339_utc(*json::parse_rfc3339(s.starts_at));
    s.ends_at = json::format_rfc3339_utc(*json::parse_rfc3339(s.ends_at));
    const std::string id = events::new_event_id();
    auto created = service.db().transact([&](pqxx::work& tx) {
      const auto programme = repo::cohort_programme(tx, who.federation, cohort_id);
      if (!programme) throw http::Problem::not_found("cohort");
      if (s.module_id && repo::module_programme(tx, who.federation, *s.module_id) != programme) {
        throw http::Problem::unprocessable("the module is not part of this cohort's programme",
                                           {{"module_id", "not a module of this cohort's programme"}});
      }
      if (!repo::is_time_zone(tx, s.time_zone)) {
        throw http::Problem::unprocessable("unknown time zone", {{"time_zone", "not a known IANA time zone"}});
      }
      auto row = repo::insert_session(tx, who.federation, id, cohort_id, s);
      service.outbox().append(tx, "se.samverkan.modules.session.scheduled.v1", "session", id,
                              session_scheduled(who.federation, id, cohort_id, s), req.header("traceparent"));
      return row;
    });
    return http::json_response(201, created);
  });

  service.route(http::Method::Get, "/v1/cohorts/{id}/sessions", kReaders, [&service](http::Request& req, const auth::Principal& who) {
    const auto& cohort_id = runtime::uuid_param(req, "id");
    const auto page = runtime::read_page(req);
    return runtime::page_response(service.db().transact([&](pqxx::work& tx) {
      if (!repo::cohort_programme(tx, who.federation, cohort_id)) throw http::Problem::not_found("cohort");
      // Sessions page by (starts_at, id), so the cursor must be a session of this cohort.
      if (!page.after.empty() && !repo::session_in_cohort(tx, who.federation, cohort_id, page.after)) {
        throw http::Problem::bad_request("after is not a session of this cohort", {{"after", "unknown cursor"}});
      }
      return repo::list_sessions(tx, who.federation, cohort_id, page);
    }), page);
  });
}

}  // namespace samverkan::modules
