// GET /v1/cohorts/{id}/exports/sessions.csv and /hours.csv: the funders' CSV files
// (domain/exports.hpp). Which variant a role may take: export_variant.hpp (participant ids and
// names are personal data of the federation). Hours list people: coordinators take their own
// organisation's rows.
#include "../repo/exports.hpp"

#include <samverkan/db/errors.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/participant_names.hpp"
#include "export_variant.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

namespace {

// header(format), then stream(tx, fed, cohort, on_row) with each row written by write_row. The
// checks that decide the status run before the response starts, on the snapshot the rows are then
// read from (as of the request's as_of, or live; its moment goes out as X-As-Of). The rows follow
// from a server-side cursor straight into the streamed body (ADR 0079), so neither the rows nor
// the file are ever held whole, and a client that leaves ends the transaction at the next row.
template <class Header, class Stream, class Write>
http::Response export_csv(runtime::Service& service, http::Request& req, const auth::Principal& who,
                          const Pseudonymiser* pseudonymiser, const char* file, Header header,
                          Stream stream, Write write_row) {
  const std::string cohort = runtime::uuid_param(req, "id");
  auto variant = read_export_variant(req, who, pseudonymiser);
  auto open = open_report_at_or_refuse(service, req);
  pqxx::work& tx = *open->read.tx;
  if (!repo::cohort_known(tx, who.federation, cohort)) throw http::Problem::not_found("cohort");
  auto names = std::make_shared<std::map<std::string, std::string>>();
  if (variant.names) {
    *names = repo::names_in_cohort(tx, who.federation, cohort, variant.organisation);
    variant.format.names = names.get();
  }
  // The moment the file reflects: asking again with as_of=<it> gives the same bytes.
  http::Response response{
      200,
      "text/csv; charset=utf-8",
      {},
      {{"Content-Disposition", std::string("attachment; filename=\"") + file + "\""},
       {"X-As-Of", open->read.moment}}};
  response.stream = [open, names, fed = who.federation, cohort, variant, header, stream,
                     write_row](http::BodySink& sink) {
    sink.write(header(variant.format));
    // Not Pool::transact: it retries, and rows already sent cannot be taken back. A failure cuts
    // the response instead, which the client sees as incomplete.
    try {
      stream(*open->read.tx, fed, cohort, [&](const auto& row) {
        if constexpr (requires { row.organisation_id; }) {
          if (variant.organisation && row.organisation_id != *variant.organisation) return;
        }
        sink.write(write_row(row, variant.format));
      });
      open->read.tx->commit();
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
  service.route(http::Method::Get, "/v1/cohorts/{id}/exports/hours.csv", kPeopleExportReaders,
                [&service, pseudonymiser](http::Request& req, const auth::Principal& who) {
                  return export_csv(service, req, who, pseudonymiser, "hours.csv", hours_header,
                                    repo::stream_hours, hours_row);
                });
}

}  // namespace samverkan::reporting
