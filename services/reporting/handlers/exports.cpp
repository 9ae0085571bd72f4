// GET /v1/cohorts/{id}/exports/sessions.csv and /hours.csv: the funders' CSV files
// (domain/exports.hpp). federation_admin may take either variant; funder_auditor only the
// pseudonymised one (participant ids are personal data of the federation).
#include "../repo/exports.hpp"

#include <samverkan/db/errors.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "routes.hpp"

namespace samverkan::reporting {

namespace {

std::string query(const http::Request& req, const char* name, const char* fallback) {
  const auto found = req.query.find(name);
  return found == req.query.end() ? fallback : found->second;
}

ExportFormat read_format(const http::Request& req, const auth::Principal& who,
                         const Pseudonymiser* pseudonymiser) {
  std::vector<json::FieldError> errors;
  ExportFormat format;
  const auto separator = query(req, "separator", "comma");
  if (separator == "semicolon") {
    format.separator = ';';
  } else if (separator != "comma") {
    errors.push_back({"separator", "must be comma or semicolon"});
  }
  const auto variant = query(req, "variant", "full");
  if (variant != "full" && variant != "pseudonymised") {
    errors.push_back({"variant", "must be full or pseudonymised"});
  }
  if (!errors.empty()) throw http::Problem::bad_request("invalid query", errors);
  if (variant == "full") {
    if (!who.has(Role::FederationAdmin)) {
      throw http::Problem::forbidden("this role may take only the pseudonymised variant");
    }
    return format;
  }
  if (pseudonymiser == nullptr) {
    throw http::Problem::unavailable("no pseudonym key is configured (PSEUDONYM_KEY_FILE)");
  }
  format.pseudonymiser = pseudonymiser;
  return format;
}

// header(format), then stream(tx, fed, cohort, on_row) with each row written by write_row. The
// checks that decide the status run before the response starts; the rows follow from a
// server-side cursor straight into the streamed body (ADR 0079), so neither the rows nor the file
// are ever held whole, and a client that leaves ends the transaction at the next row.
template <class Header, class Stream, class Write>
http::Response export_csv(runtime::Service& service, http::Request& req, const auth::Principal& who,
                          const Pseudonymiser* pseudonymiser, const char* file, Header header,
                          Stream stream, Write write_row) {
  const std::string cohort = runtime::uuid_param(req, "id");
  const auto format = read_format(req, who, pseudonymiser);
  const bool known = read_report(service, [&](pqxx::transaction_base& tx) {
    return repo::cohort_known(tx, who.federation, cohort);
  });
  if (!known) throw http::Problem::not_found("cohort");
  http::Response response{
      200,
      "text/csv; charset=utf-8",
      {},
      {{"Content-Disposition", std::string("attachment; filename=\"") + file + "\""}}};
  response.stream = [&service, fed = who.federation, cohort, format, header, stream,
                     write_row](http::BodySink& sink) {
    sink.write(header(format));
    // Not Pool::transact: it retries, and rows already sent cannot be taken back. A failure cuts
    // the response instead, which the client sees as incomplete.
    try {
      auto lease = service.db().acquire();
      pqxx::work tx(*lease);
      stream(tx, fed, cohort, [&](const auto& row) { sink.write(write_row(row, format)); });
      tx.commit();
    } catch (const pqxx::failure& error) {
      // libs/http logs what a producer throws: only the safe part of a database error.
      throw std::runtime_error("export read failed: " + db::safe_description(error));
    }
  };
  return response;
}

}  // namespace

void add_export_routes(runtime::Service& service, const Pseudonymiser* pseudonymiser) {
  service.route(http::Method::Get, "/v1/cohorts/{id}/exports/sessions.csv", kIndicatorReaders,
                [&service, pseudonymiser](http::Request& req, const auth::Principal& who) {
                  return export_csv(service, req, who, pseudonymiser, "sessions.csv",
                                    sessions_header, repo::stream_sessions, session_row);
                });
  service.route(http::Method::Get, "/v1/cohorts/{id}/exports/hours.csv", kIndicatorReaders,
                [&service, pseudonymiser](http::Request& req, const auth::Principal& who) {
                  return export_csv(service, req, who, pseudonymiser, "hours.csv", hours_header,
                                    repo::stream_hours, hours_row);
                });
}

}  // namespace samverkan::reporting
