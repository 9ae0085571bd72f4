// PUT /v1/sessions/{session_id}/attendance/{participant_id}, GET
// /v1/sessions/{session_id}/attendance, GET .../attendance/{participant_id}/history
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>
#include <samverkan/writepath/unit_of_work.hpp>

#include "../app/record_mark.hpp"
#include "../repo/attendance_repo.hpp"
#include "routes.hpp"
#include "visibility.hpp"

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
          {"source", to_string(r.source)},
          {"recorded_at", r.recorded_at}};
}

// One revision as the history shows it.
boost::json::object revision_json(const Record& r) {
  boost::json::object out{{"revision", r.revision},
                          {"status", to_string(r.status)},
                          {"minutes", r.minutes},
                          {"source", to_string(r.source)},
                          {"reason", r.reason ? boost::json::value(*r.reason) : nullptr},
                          {"recorded_by", r.recorded_by},
                          {"recorded_at", r.recorded_at},
                          {"import_id", nullptr},
                          {"file_sha256", nullptr}};
  if (r.import) {
    out["import_id"] = r.import->import_id;
    out["file_sha256"] = r.import->file_sha256;
  }
  return out;
}

// The mark a trainer sends; reason is required by decide() when it changes an existing mark.
Mark read_mark(const std::string& body) {
  const auto object = json::parse_object(body);
  json::ObjectReader in(object);
  const auto status_text = in.required_string("status", 16);
  const auto minutes = in.optional_int("minutes", 0, 1440);
  auto reason = in.optional_string("reason", 500);
  if (reason && reason->find_first_not_of(" \t\r\n") == std::string::npos) {
    in.fail("reason", "must not be blank; leave it out instead");
  }
  in.finish();
  const auto status = parse_status(status_text);
  if (!status) {
    throw http::Problem::unprocessable("the mark does not fit the session",
                                       {{"status", "must be present, late, excused or absent"}});
  }
  return Mark{*status, minutes, Source::Manual, std::move(reason)};
}

// A refusal is a 422 whose detail names the rule; the field errors say which input it concerns. A
// trainer marking a session it is not assigned to gets 403.
http::Problem refusal(const Refused& refused) {
  if (refused.reason == Refusal::NotSessionTrainer) return http::Problem::forbidden(refused.detail);
  return http::Problem::unprocessable(
      refused.detail + " (" + std::string(to_string(refused.reason)) + ")", refused.errors);
}

}  // namespace

void add_attendance_routes(runtime::Service& service) {
  // Idempotent: repeating the same mark changes nothing and emits nothing; a different mark is a
  // correction, stored as a new revision.
  service.route(http::Method::Put, "/v1/sessions/{session_id}/attendance/{participant_id}",
                kRecorders, [&service](http::Request& req, const auth::Principal& who) {
                  ids::SessionId session(
                      runtime::uuid_param(req, "session_id"));  // 404 for a malformed id first
                  ids::ParticipantId participant(runtime::uuid_param(req, "participant_id"));
                  const MarkCommand command{
                      std::move(session), std::move(participant), read_mark(req.body),
                      ids::RecordId(events::new_event_id()), events::now_rfc3339()};
                  // One unit of work: the record, its revision row, the event and the audit entry
                  // commit together.
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    const auto decision = app::record_mark(uow, command);
                    if (!decision) throw http::Problem::not_found("session");
                    if (const auto* refused = std::get_if<Refused>(&*decision))
                      throw refusal(*refused);
                    if (const auto* recorded = std::get_if<Recorded>(&*decision)) {
                      return writepath::WriteResult{recorded->created ? 201 : 200,
                                                    record_json(recorded->record), ""};
                    }
                    return writepath::WriteResult{
                        200, record_json(std::get<Unchanged>(*decision).record), ""};
                  });
                });

  // A participant reads their own history (token subject linked to them); anyone else's is 404.
  service.route(http::Method::Get, "/v1/sessions/{session_id}/attendance/{participant_id}/history",
                kOwnReaders, [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId session(runtime::uuid_param(req, "session_id"));
                  const ids::ParticipantId participant(runtime::uuid_param(req, "participant_id"));
                  const bool self_only = who.has(auth::Role::Participant) &&
                                         !who.has(auth::Role::OrgCoordinator) &&
                                         who.organisation_scope(kFederationWide).has_value();
                  std::optional<ids::OrganisationId> organisation;
                  if (auto scope = who.organisation_scope(kFederationWide); scope && !self_only)
                    organisation = ids::OrganisationId(std::move(*scope));
                  const auto revisions = service.db().transact([&](pqxx::work& tx) {
                    if (self_only) require_visible(tx, who, participant);
                    return repo::history(tx, ids::FederationId(who.federation), session,
                                         participant, organisation);
                  });
                  if (!revisions) throw http::Problem::not_found("session");
                  boost::json::array items;
                  for (const auto& r : *revisions) items.push_back(revision_json(r));
                  return http::json_response(
                      200, boost::json::object{{"session_id", session.str()},
                                               {"participant_id", participant.str()},
                                               {"items", std::move(items)}});
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
