// PUT /v1/sessions/{session_id}/attendance/{participant_id}, GET /v1/sessions/{session_id}/attendance
#include "../repo/attendance_repo.hpp"
#include "routes.hpp"

#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

namespace samverkan::attendance {

namespace {
boost::json::object recorded_event(const std::string& federation, const boost::json::object& row,
                                   const repo::Session& session) {
  boost::json::value module = nullptr;
  if (session.module_id) module = *session.module_id;
  return {{"federation_id", federation},          {"record_id", row.at("id")},
          {"session_id", row.at("session_id")},   {"participant_id", row.at("participant_id")},
          {"cohort_id", session.cohort_id},       {"module_id", module},
          {"status", row.at("status")},           {"minutes", row.at("minutes")},
          {"revision", row.at("revision")},       {"recorded_at", row.at("recorded_at")}};
}
}  // namespace

void add_attendance_routes(runtime::Service& service) {
  // Idempotent: repeating the same mark changes nothing and emits nothing; a different mark is a
  // correction, stored as a new revision.
  service.route(http::Method::Put, "/v1/sessions/{session_id}/attendance/{participant_id}", kRecorders,
                [&service](http::Request& req, const auth::Principal& who) {
    const auto& session_id = runtime::uuid_param(req, "session_id");
    const auto& participant_id = runtime::uuid_param(req, "participant_id");
    const auto body = json::parse_object(req.body);
    json::ObjectReader in(body);
    Mark mark{in.required_string("status", 16), in.optional_int("minutes", 0, 1440)};
    in.finish();
    int status = 200;
    auto result = service.db().transact([&](pqxx::work& tx) {
      const auto session = repo::find_session(tx, who.federation, session_id);
      if (!session) throw http::Problem::not_found("session");
      if (!repo::approved_enrolment(tx, who.federation, participant_id, session->cohort_id)) {
        throw http::Problem::unprocessable(
            "the participant has no approved enrolment in this session's cohort",
            {{"participant_id", "not an approved participant of this session's cohort"}});
      }
      std::vector<json::FieldError> errors;
      const auto resolved = resolve(mark, session->minutes, errors);
      if (!resolved) throw http::Problem::unprocessable("the mark does not fit the session", errors);
      const auto current = repo::find_record_for_update(tx, who.federation, session_id, participant_id);
      if (current && same(current->mark, *resolved)) return repo::record(tx, current->id);
      const std::string record_id = current ? current->id : events::new_event_id();
      status = current ? 200 : 201;
      auto row = repo::write_revision(tx, who.federation, record_id, session_id, participant_id, *resolved,
                                      current ? current->revision + 1 : 1, who.subject);
      service.outbox().append(tx, "se.samverkan.attendance.attendance.recorded.v1", "attendance", record_id,
                              recorded_event(who.federation, row, *session), req.header("traceparent"));
      return row;
    });
    return http::json_response(status, result);
  });

  service.route(http::Method::Get, "/v1/sessions/{session_id}/attendance", kReaders,
                [&service](http::Request& req, const auth::Principal& who) {
    const auto& session_id = runtime::uuid_param(req, "session_id");
    // Coordinators see only their own organisation's people.
    const auto organisation = who.organisation_scope(kFederationWide);
    auto items = service.db().transact([&](pqxx::work& tx) {
      if (!repo::find_session(tx, who.federation, session_id)) throw http::Problem::not_found("session");
      return repo::list_for_session(tx, who.federation, session_id, organisation);
    });
    return http::json_response(200, boost::json::object{{"session_id", session_id}, {"items", std::move(items)}});
  });
}

}  // namespace samverkan::attendance
