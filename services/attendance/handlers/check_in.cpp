// POST /v1/sessions/{session_id}/check-in (open), GET /v1/sessions/{session_id}/check-in (the
// current code), POST /v1/sessions/{session_id}/check-ins (a participant checks in)
#include "../app/check_in.hpp"

#include <boost/json/parse.hpp>
#include <chrono>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/json/reader.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../app/record_mark.hpp"
#include "../repo/apologies_repo.hpp"
#include "routes.hpp"

namespace samverkan::attendance {

namespace {

std::int64_t now_epoch() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

http::Response code_response(const ids::SessionId& session, const app::CodeAnswer& answer,
                             int status) {
  if (const auto* refused = std::get_if<app::CheckInRefusal>(&answer)) {
    switch (*refused) {
      case app::CheckInRefusal::NotFound:
        throw http::Problem::not_found("session");
      case app::CheckInRefusal::NotSessionTrainer:
        throw http::Problem::forbidden("only the trainers assigned to the session open check-in");
      case app::CheckInRefusal::SessionCancelled:
        throw http::Problem::unprocessable("the session is cancelled (session_cancelled)",
                                           {{"session_id", "the session is cancelled"}});
      case app::CheckInRefusal::NotOpen:
        throw http::Problem::not_found("check-in");
    }
  }
  const auto& code = std::get<app::CheckInCode>(answer);
  return http::json_response(
      status, boost::json::object{{"session_id", session.str()},
                                  {"code", code.code},
                                  {"valid_until", json::format_rfc3339_utc(code.valid_until)},
                                  {"opens_at", json::format_rfc3339_utc(code.opens)},
                                  {"closes_at", json::format_rfc3339_utc(code.closes)},
                                  {"check_in_url", "/v1/sessions/" + session.str() +
                                                       "/check-ins?code=" + code.code}});
}

boost::json::object record_json(const Record& r) {
  return {{"id", r.id.str()},
          {"session_id", r.session.str()},
          {"participant_id", r.participant.str()},
          {"status", to_string(r.status)},
          {"minutes", r.minutes},
          {"source", to_string(r.source)},
          {"revision", r.revision}};
}

}  // namespace

void add_check_in_routes(runtime::Service& service) {
  // Opening twice answers the current code of the same secret (no second audit entry).
  service.route(http::Method::Post, "/v1/sessions/{session_id}/check-in", kRecorders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId session(runtime::uuid_param(req, "session_id"));
                  const auto now = now_epoch();
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    const auto answer = app::open_check_in(uow, session, now);
                    const auto response = code_response(session, answer, 200);
                    return writepath::WriteResult{200, boost::json::parse(response.body), ""};
                  });
                });

  service.route(http::Method::Get, "/v1/sessions/{session_id}/check-in", kRecorders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId session(runtime::uuid_param(req, "session_id"));
                  const Actor actor{ids::FederationId(who.federation), who.subject,
                                    who.has(Role::Trainer) && !who.has(Role::FederationAdmin)};
                  const auto answer = service.db().transact([&](pqxx::work& tx) {
                    return app::current_code(tx, actor, session, now_epoch());
                  });
                  return code_response(session, answer, 200);
                });

  service.route(http::Method::Post, "/v1/sessions/{session_id}/check-ins", kCheckInParticipants,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId session(runtime::uuid_param(req, "session_id"));
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  const auto code = in.required_string("code", 6);
                  if (code.size() != 6 || code.find_first_not_of("0123456789") != std::string::npos)
                    in.fail("code", "must be six digits");
                  in.finish();
                  const ids::FederationId fed(who.federation);
                  const auto participant = service.db().transact([&](pqxx::work& tx) {
                    return repo::participant_of_subject(tx, fed, who.subject);
                  });
                  if (!participant)
                    throw http::Problem::forbidden("this token is linked to no participant");
                  const auto outcome = app::verify_check_in(service.db(), fed, session,
                                                            *participant, code, now_epoch());
                  if (!outcome) throw http::Problem::not_found("session");
                  const auto reason = std::string(to_string(*outcome));
                  switch (*outcome) {
                    case CheckInOutcome::Accepted:
                      break;
                    case CheckInOutcome::Limited:
                      throw http::Problem(429, "too-many-wrong-codes", "Too many wrong codes",
                                          "too many wrong codes at this session (" + reason + ")");
                    case CheckInOutcome::NotOpen:
                    case CheckInOutcome::OutsideWindow:
                    case CheckInOutcome::WrongCode:
                      throw http::Problem::unprocessable("check-in refused (" + reason + ")",
                                                         {{"code", reason}});
                  }
                  const auto now = events::now_rfc3339();
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    const auto decision = app::mark_checked_in(uow, session, *participant, now);
                    if (!decision) throw http::Problem::not_found("session");
                    if (const auto* refused = std::get_if<Refused>(&*decision)) {
                      throw http::Problem::unprocessable(
                          refused->detail + " (" + std::string(to_string(refused->reason)) + ")",
                          refused->errors);
                    }
                    if (const auto* recorded = std::get_if<Recorded>(&*decision))
                      return writepath::WriteResult{201, record_json(recorded->record), ""};
                    return writepath::WriteResult{
                        200, record_json(std::get<Unchanged>(*decision).record), ""};
                  });
                });
}

}  // namespace samverkan::attendance
