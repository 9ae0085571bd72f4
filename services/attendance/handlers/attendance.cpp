// PUT /v1/sessions/{session_id}/attendance/{participant_id}, GET
// /v1/sessions/{session_id}/attendance
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../app/mark_attendance.hpp"
#include "../repo/attendance_repo.hpp"
#include "routes.hpp"

namespace samverkan::attendance {

namespace {

// A record as the API shows it.
boost::json::object record_json(const Record& r) {
  return {{"id", r.id.str()},
          {"session_id", r.session.str()},
          {"participant_id", r.participant.str()},
          {"status", to_string(r.status)},
          {"minutes", r.minutes},
          {"revision", r.revision},
          {"recorded_at", r.recorded_at}};
}

Mark read_mark(const std::string& body) {
  const auto object = json::parse_object(body);
  json::ObjectReader in(object);
  const auto status_text = in.required_string("status", 16);
  const auto minutes = in.optional_int("minutes", 0, 1440);
  in.finish();
  const auto status = parse_status(status_text);
  if (!status) {
    throw http::Problem::unprocessable("the mark does not fit the session",
                                       {{"status", "must be present, late, excused or absent"}});
  }
  return Mark{*status, minutes};
}

// A refusal is a 422 whose detail names the rule; the field errors say which input it concerns.
http::Problem refusal(const Refused& refused) {
  return http::Problem::unprocessable(
      refused.detail + " (" + std::string(to_string(refused.reason)) + ")", refused.errors);
}

}  // namespace

void add_attendance_routes(runtime::Service& service) {
  // Idempotent: repeating the same mark changes nothing and emits nothing; a different mark is a
  // correction, stored as a new revision.
  service.route(
      http::Method::Put, "/v1/sessions/{session_id}/attendance/{participant_id}", kRecorders,
      [&service](http::Request& req, const auth::Principal& who) {
        const MarkCommand command{ids::SessionId(runtime::uuid_param(req, "session_id")),
                                  ids::ParticipantId(runtime::uuid_param(req, "participant_id")),
                                  read_mark(req.body), ids::RecordId(events::new_event_id()),
                                  events::now_rfc3339()};
        const Actor actor{ids::FederationId(who.federation), who.subject};
        const auto decision = service.db().transact([&](pqxx::work& tx) {
          return app::mark_attendance(tx, service.outbox(), command, actor,
                                      req.header("traceparent"));
        });
        if (!decision) throw http::Problem::not_found("session");
        if (const auto* refused = std::get_if<Refused>(&*decision)) throw refusal(*refused);
        if (const auto* recorded = std::get_if<Recorded>(&*decision)) {
          return http::json_response(recorded->created ? 201 : 200, record_json(recorded->record));
        }
        return http::json_response(200, record_json(std::get<Unchanged>(*decision).record));
      });

  service.route(http::Method::Get, "/v1/sessions/{session_id}/attendance", kReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId session_id(runtime::uuid_param(req, "session_id"));
                  // Coordinators see only their own organisation's people.
                  std::optional<ids::OrganisationId> organisation;
                  if (auto scope = who.organisation_scope(kFederationWide))
                    organisation = ids::OrganisationId(std::move(*scope));
                  const auto records = service.db().transact([&](pqxx::work& tx) {
                    return repo::list_for_session(tx, ids::FederationId(who.federation), session_id,
                                                  organisation);
                  });
                  if (!records) throw http::Problem::not_found("session");
                  boost::json::array items;
                  items.reserve(records->size());
                  for (const auto& record : *records) items.push_back(record_json(record));
                  return http::json_response(200,
                                             boost::json::object{{"session_id", session_id.str()},
                                                                 {"items", std::move(items)}});
                });
}

}  // namespace samverkan::attendance
