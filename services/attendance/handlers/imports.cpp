// POST /v1/sessions/{session_id}/attendance/imports: a Teams or Zoom attendance report as it was
// downloaded; ?dry_run=true previews, ?absent_if_missing=true marks absent the expected people the
// file does not name.
#include <cctype>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>
#include <samverkan/writepath/unit_of_work.hpp>

#include "../app/import_report.hpp"
#include "routes.hpp"

namespace samverkan::attendance {

namespace {

bool flag(const http::Request& req, const std::string& name) {
  const auto it = req.query.find(name);
  if (it == req.query.end() || it->second == "false") return false;
  if (it->second == "true") return true;
  throw http::Problem::bad_request("query parameter " + name + " must be true or false",
                                   {{name, "must be true or false"}});
}

// The file's media type: a CSV as downloaded, or bytes as they are. Parameters (charset) are
// ignored: the content says its encoding.
void require_file(const http::Request& req) {
  auto type = req.header("content-type");
  type = type.substr(0, type.find(';'));
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type == "text/csv" || type == "application/octet-stream" || type == "text/plain") return;
  throw http::Problem(415, "unsupported-media-type", "Unsupported Media Type",
                      "send the report as text/csv or application/octet-stream");
}

// The file cannot be read: 413 for size, else 422 saying where and why.
http::Problem unreadable(const meeting_report::Unreadable& e) {
  if (e.too_large) return http::Problem(413, "payload-too-large", "Payload Too Large", e.reason);
  const std::string where =
      e.line == 0 ? std::string("the file")
                  : "line " + std::to_string(e.line) + ", column " + std::to_string(e.column);
  return http::Problem::unprocessable("the report cannot be read: " + where + ": " + e.reason,
                                      {{"body", where + ": " + e.reason}});
}

boost::json::object outcome_json(const app::ImportOutcome& o, bool dry_run) {
  boost::json::array matched, unmatched, skipped, missing, absent, refused;
  for (const auto& m : o.matched) {
    matched.push_back({{"participant_id", m.match.participant_id},
                       {"email", m.match.email},
                       {"minutes", m.match.minutes},
                       {"status", to_string(m.match.status)},
                       {"first_join", m.first_join ? boost::json::value(*m.first_join) : nullptr},
                       {"changed", m.changed}});
  }
  for (const auto& u : o.unmatched)
    unmatched.push_back({{"line", u.line}, {"name", u.name}, {"reason", u.reason}});
  for (const auto& s : o.skipped)
    skipped.push_back({{"line", s.line}, {"name", s.name}, {"reason", s.reason}});
  for (const auto& id : o.expected_missing) missing.push_back(boost::json::value(id));
  for (const auto& id : o.marked_absent) absent.push_back(boost::json::value(id));
  for (const auto& r : o.refused)
    refused.push_back({{"participant_id", r.participant_id}, {"reason", r.reason}});
  return {{"format", meeting_report::to_string(o.format)},
          {"rows", o.rows},
          {"matched", std::move(matched)},
          {"unmatched", std::move(unmatched)},
          {"skipped", std::move(skipped)},
          {"expected_missing", std::move(missing)},
          {"marked_absent", std::move(absent)},
          {"refused", std::move(refused)},
          {"changes", o.changes},
          {"dry_run", dry_run},
          {"import_id", o.import_id ? boost::json::value(*o.import_id) : nullptr},
          {"sha256", o.file_sha256},
          {"present_percent", o.policy.present_percent}};
}

}  // namespace

void add_import_routes(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/sessions/{session_id}/attendance/imports", kImporters,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId session(runtime::uuid_param(req, "session_id"));
                  require_file(req);
                  const bool dry_run = flag(req, "dry_run");
                  const app::ImportCommand command{session,
                                                   req.body,
                                                   dry_run,
                                                   flag(req, "absent_if_missing"),
                                                   events::new_event_id(),
                                                   events::now_rfc3339()};
                  // One unit of work: every changed mark with its revision, event and audit entry,
                  // and the import row, commit together or not at all.
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    std::optional<app::ImportOutcome> outcome;
                    try {
                      outcome = app::import_report(uow, command);
                    } catch (const meeting_report::Unreadable& e) {
                      throw unreadable(e);
                    } catch (const app::NotSessionTrainer&) {
                      throw http::Problem::forbidden(
                          "only the trainers assigned to the session import its attendance");
                    } catch (const app::SessionCancelled&) {
                      throw http::Problem::unprocessable(
                          "the session is cancelled and takes no attendance (session_cancelled)",
                          {{"session_id", "the session is cancelled"}});
                    }
                    if (!outcome) throw http::Problem::not_found("session");
                    return writepath::WriteResult{200, outcome_json(*outcome, dry_run), ""};
                  });
                });
}

}  // namespace samverkan::attendance
