// The monthly participant file of a programme (domain/monthly_file.hpp):
//   GET  /v1/programmes/{id}/exports/participants.csv?month=YYYY-MM (+ export_variant.hpp)
//   GET  /v1/programmes/{id}/monthly-files: each month's file hash, its submission, and whether
//        it needs resubmission
//   POST /v1/programmes/{id}/monthly-files/{month}/submission: records that the month's file
//        (as it is now) was sent to the funder; body {} or {"sha256": "<the file's hash>"}, which
//        must then be the current one (409 otherwise), so the file recorded is the file sent.
#include "../repo/monthly_files.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/json/reader.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/exports.hpp"
#include "../repo/participant_names.hpp"
#include "export_variant.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

namespace {

std::string month_query(const http::Request& req) {
  const auto month = query_or(req, "month", "");
  if (!is_month(month)) {
    throw http::Problem::bad_request("invalid query", {{"month", "must be a month YYYY-MM"}});
  }
  return month;
}

const std::string& month_param(const http::Request& req) {
  const auto& month = req.params.at("month");
  if (!is_month(month)) throw http::Problem::not_found("month");
  return month;
}

http::Response participants_csv(runtime::Service& service, const http::Request& req,
                                const auth::Principal& who, const Pseudonymiser* pseudonymiser) {
  const auto& programme = runtime::uuid_param(req, "id");
  const auto month = month_query(req);
  auto variant = read_export_variant(req, who, pseudonymiser);
  std::map<std::string, std::string> names;
  auto [body,
        as_of] = read_report_as_of(service, req, [&](pqxx::work& tx) -> std::optional<std::string> {
    if (!repo::programme_known(tx, who.federation, programme)) return std::nullopt;
    if (variant.names) {
      names = repo::names_in_programme(tx, who.federation, programme, variant.organisation);
      variant.format.names = &names;
    }
    std::string out = monthly_file_header(variant.format);
    repo::stream_monthly_file(
        tx, who.federation, programme, month, [&](const std::string&, const MonthlyFileRow& row) {
          if (variant.organisation && row.organisation_id != *variant.organisation) {
            return;
          }
          out += monthly_file_row(row, variant.format);
        });
    return out;
  });
  if (!body) throw http::Problem::not_found("programme");
  return http::Response{
      200,
      "text/csv; charset=utf-8",
      std::move(*body),
      {{"Content-Disposition", "attachment; filename=\"participants-" + month + ".csv\""},
       {"X-As-Of", as_of}}};
}

boost::json::object month_json(const repo::MonthState& state) {
  boost::json::value submission = nullptr;
  if (state.submitted) {
    submission = boost::json::object{{"sha256", state.submitted->submission.sha256},
                                     {"submitted_at", state.submitted->submitted_at},
                                     {"version", state.submitted->version}};
  }
  return {{"month", state.month},
          {"sha256", state.sha256},
          {"submitted", submission},
          {"needs_resubmission", state.needs_resubmission}};
}

boost::json::object monthly_files(pqxx::transaction_base& tx, const std::string& fed,
                                  const std::string& programme) {
  boost::json::array items;
  for (const auto& state : repo::read_month_states(tx, fed, programme)) {
    items.push_back(month_json(state));
  }
  return {{"programme_id", programme}, {"months", std::move(items)}};
}

std::optional<std::string> expected_sha(const http::Request& req) {
  if (req.body.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  const auto body = json::parse_object(req.body);
  json::ObjectReader in(body);
  auto sha = in.optional_string("sha256", 64);
  if (sha &&
      (sha->size() != 64 || sha->find_first_not_of("0123456789abcdef") != std::string::npos)) {
    in.fail("sha256", "must be 64 lower-case hex digits");
  }
  in.finish();
  return sha;
}

}  // namespace

void add_monthly_file_routes(runtime::Service& service, const Pseudonymiser* pseudonymiser) {
  service.route(http::Method::Get, "/v1/programmes/{id}/exports/participants.csv",
                kPeopleExportReaders,
                [&service, pseudonymiser](http::Request& req, const auth::Principal& who) {
                  return participants_csv(service, req, who, pseudonymiser);
                });

  service.route(http::Method::Get, "/v1/programmes/{id}/monthly-files", kIndicatorReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto& programme = runtime::uuid_param(req, "id");
                  auto files = read_report(service, [&](auto& tx) {
                    return repo::programme_known(tx, who.federation, programme)
                               ? std::optional(monthly_files(tx, who.federation, programme))
                               : std::nullopt;
                  });
                  if (!files) throw http::Problem::not_found("programme");
                  return http::json_response(200, *files);
                });

  service.route(
      http::Method::Post, "/v1/programmes/{id}/monthly-files/{month}/submission", kFileSubmitters,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto& programme = runtime::uuid_param(req, "id");
        const auto& month = month_param(req);
        const auto expected = expected_sha(req);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto& tx = uow.tx();
          if (!repo::programme_known(tx, who.federation, programme)) {
            throw http::Problem::not_found("programme");
          }
          // One submitter of a programme at a time, so the hashes recorded are one state.
          tx.exec_params(
              "SELECT pg_advisory_xact_lock(hashtext('monthly-files/' || $1 || '/' || $2))",
              who.federation, programme);
          const auto submission = repo::submission_now(tx, who.federation, programme, month);
          if (expected && *expected != submission.sha256) {
            throw http::Problem::conflict(
                "the month's file has changed since it was taken; take it again");
          }
          const auto stored = repo::read_submissions(tx, who.federation, programme);
          const auto before = stored.find(month);
          // A repeat of a submission that is still current changes nothing and records none.
          const bool same = before != stored.end() &&
                            before->second.submission.sha256 == submission.sha256 &&
                            before->second.submission.earlier == submission.earlier;
          if (!same) {
            const auto version = repo::store_submission(tx, who.federation, programme, month,
                                                        submission, who.subject);
            uow.audit({.action = "monthly_file.submitted",
                       .entity_type = "monthly_file",
                       .entity_id = programme + "/" + month,
                       .version_before = before == stored.end()
                                             ? std::nullopt
                                             : std::optional(before->second.version),
                       .version_after = version,
                       .reason = writepath::Reason::none()});
          }
          for (const auto& state : repo::read_month_states(tx, who.federation, programme)) {
            if (state.month != month) continue;
            return writepath::WriteResult{before == stored.end() ? 201 : 200, month_json(state),
                                          ""};
          }
          throw std::logic_error("a recorded submission is listed");
        });
      });
}

}  // namespace samverkan::reporting
