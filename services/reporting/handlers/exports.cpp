// GET /v1/cohorts/{id}/exports/sessions.csv and /hours.csv: the funders' CSV files
// (domain/exports.hpp). Which variant a role may take: export_variant.hpp (participant ids and
// names are personal data of the federation). Hours list people: coordinators take their own
// organisation's rows.
#include "../repo/exports.hpp"

#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/participant_names.hpp"
#include "export_variant.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

namespace {

// header(format), then stream(tx, fed, cohort, on_row) with each row appended by write_row.
template <class Header, class Stream, class Write>
http::Response export_csv(runtime::Service& service, http::Request& req, const auth::Principal& who,
                          const Pseudonymiser* pseudonymiser, const char* file, Header header,
                          Stream stream, Write write_row) {
  const auto& cohort = runtime::uuid_param(req, "id");
  auto variant = read_export_variant(req, who, pseudonymiser);
  std::map<std::string, std::string> names;
  std::string body;
  const bool known = service.db().transact([&](pqxx::work& tx) {
    if (!repo::cohort_known(tx, who.federation, cohort)) return false;
    if (variant.names) {
      names = repo::names_in_cohort(tx, who.federation, cohort, variant.organisation);
      variant.format.names = &names;
    }
    body = header(variant.format);
    stream(tx, who.federation, cohort, [&](const auto& row) {
      if constexpr (requires { row.organisation_id; }) {
        if (variant.organisation && row.organisation_id != *variant.organisation) return;
      }
      body += write_row(row, variant.format);
    });
    return true;
  });
  if (!known) throw http::Problem::not_found("cohort");
  return http::Response{
      200,
      "text/csv; charset=utf-8",
      std::move(body),
      {{"Content-Disposition", std::string("attachment; filename=\"") + file + "\""}}};
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
