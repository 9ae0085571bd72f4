#pragma once
// Every route and consumed event of the reporting service.
#include <memory>
#include <optional>
#include <samverkan/auth/principal.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/embedded_file.hpp>
#include <samverkan/runtime/service.hpp>
#include <set>

#include "../repo/as_of.hpp"

namespace samverkan::reporting {

using auth::Role;
inline const std::set<Role> kReportReaders{Role::FederationAdmin, Role::OrgCoordinator,
                                           Role::Trainer, Role::FunderAuditor};

// Progress is also a participant's own (their token resolved to them, ADR 0061).
inline const std::set<Role> kProgressReaders{Role::FederationAdmin, Role::OrgCoordinator,
                                             Role::Trainer, Role::FunderAuditor, Role::Participant};

// Readers who see every organisation's figures; coordinators see only their own.
inline const std::set<Role> kFederationWide{Role::FederationAdmin, Role::Trainer,
                                            Role::FunderAuditor};

// The funders' indicators: the federation and its auditor.
inline const std::set<Role> kIndicatorReaders{Role::FederationAdmin, Role::FunderAuditor};

// The exports that list people: the federation, its auditor, and coordinators for their own
// organisation's rows (handlers/export_variant.hpp says which variant each may take).
inline const std::set<Role> kPeopleExportReaders{Role::FederationAdmin, Role::FunderAuditor,
                                                 Role::OrgCoordinator};
// Who records that a monthly participant file was sent to the funder.
inline const std::set<Role> kFileSubmitters{Role::FederationAdmin, Role::FunderAuditor};
// Who sets a programme's unit costs for co-financing.
inline const std::set<Role> kCostSetters{Role::FederationAdmin};
// What changed after a report, and the month locks: the federation and its auditor.
inline const std::set<Role> kChangeReaders{Role::FederationAdmin, Role::FunderAuditor};
inline const std::set<Role> kLockers{Role::FederationAdmin, Role::FunderAuditor};
// The records behind the figures (ADR 0078): the federation, its auditor, and a coordinator for
// their own organisation.
inline const std::set<Role> kRecordReaders{Role::FederationAdmin, Role::OrgCoordinator,
                                           Role::FunderAuditor};

// Runs a report's single SELECT on a pooled connection outside a transaction block: one
// statement sees one snapshot anyway, and BEGIN and COMMIT would be two more round trips.
template <class Fn>
auto read_report(runtime::Service& service, Fn&& fn) {
  auto lease = service.db().acquire();
  pqxx::nontransaction tx(*lease);
  return fn(tx);
}

// The request's as_of (RFC 3339), if any; 400 naming as_of when malformed.
std::optional<std::string> as_of_query(const http::Request& req);

// A report's result and the moment it reflects ("YYYY-MM-DDTHH:MM:SS.ffffffZ").
template <class T>
struct AtMoment {
  T value;
  std::string as_of;
};

// Runs a report as of the request's as_of, or live on a snapshot whose moment it returns, so
// that asking again with as_of=<that moment> gives the same bytes (repo/as_of.hpp, ADR 0074).
// An as_of outside the kept history answers 422 naming as_of. Every report and export reads
// through this.
std::string read_at_or_refuse(runtime::Service& service, const http::Request& req,
                              const std::function<void(pqxx::work&)>& fn);
template <class Fn>
auto read_report_as_of(runtime::Service& service, const http::Request& req, Fn&& fn) {
  using T = std::invoke_result_t<Fn&, pqxx::work&>;
  std::optional<T> out;
  auto moment = read_at_or_refuse(service, req, [&](pqxx::work& tx) { out.emplace(fn(tx)); });
  return AtMoment<T>{std::move(*out), std::move(moment)};
}

// The same read left open on its pooled connection, for a streamed answer that names its moment
// in a header before its rows (members in this order: the transaction ends before the lease).
struct OpenReport {
  db::Pool::Lease lease;
  repo::OpenRead read;
};
std::shared_ptr<OpenReport> open_report_at_or_refuse(runtime::Service& service,
                                                     const http::Request& req);

// A JSON object body with "as_of" as its first member.
std::string with_as_of(const std::string& object_body, const std::string& as_of);

void add_progress_routes(runtime::Service& service);     // /v1/participants/{id}/progress
void add_summary_routes(runtime::Service& service);      // /v1/cohorts/{id}/summary
void add_cohort_view_routes(runtime::Service& service);  // /v1/cohorts, /v1/cohorts/{id}/sessions
void add_report_page(runtime::Service& service);         // /reports/ (static, public)
void add_indicator_routes(runtime::Service& service);    // /v1/programmes/{id}/indicators
// consumes enrolment.sensitive_counts.changed (ADR 0070)
void add_sensitive_counts_consumer(runtime::Service& service);
// /v1/cohorts/{id}/records and /v1/cohorts/{id}/completions (drill-down, ADR 0078)
void add_record_routes(runtime::Service& service);
class Pseudonymiser;
// /v1/programmes/{id}/indicators/participants (drill-down, ADR 0078); pseudonymiser: none when no
// key is configured.
void add_indicator_cell_routes(runtime::Service& service, const Pseudonymiser* pseudonymiser);
// /v1/cohorts/{id}/exports/*.csv; pseudonymiser: none when no key is configured.
void add_export_routes(runtime::Service& service, const Pseudonymiser* pseudonymiser);
// /v1/programmes/{id}/exports/participants.csv and /monthly-files (submissions).
void add_monthly_file_routes(runtime::Service& service, const Pseudonymiser* pseudonymiser);
// /v1/programmes/{id}/unit-costs and /v1/cohorts/{id}/exports/cofinancing.csv.
void add_cofinancing_routes(runtime::Service& service);
void add_history_routes(runtime::Service& service);  // changes and month locks (ADR 0074)
void add_read_model(
    runtime::Service& service);  // consumes modules, enrolment and attendance events

}  // namespace samverkan::reporting
