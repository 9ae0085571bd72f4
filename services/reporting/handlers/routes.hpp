#pragma once
// Every route and consumed event of the reporting service.
#include <samverkan/auth/principal.hpp>
#include <samverkan/runtime/embedded_file.hpp>
#include <samverkan/runtime/service.hpp>
#include <set>

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
void add_read_model(
    runtime::Service& service);  // consumes modules, enrolment and attendance events

}  // namespace samverkan::reporting
