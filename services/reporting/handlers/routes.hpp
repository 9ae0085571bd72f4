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

// Readers who see every organisation's figures; coordinators see only their own.
inline const std::set<Role> kFederationWide{Role::FederationAdmin, Role::Trainer,
                                            Role::FunderAuditor};

// Runs a report's single SELECT on a pooled connection outside a transaction block: one
// statement sees one snapshot anyway, and BEGIN and COMMIT would be two more round trips.
template <class Fn>
auto read_report(runtime::Service& service, Fn&& fn) {
  auto lease = service.db().acquire();
  pqxx::nontransaction tx(*lease);
  return fn(tx);
}

void add_progress_routes(runtime::Service& service);  // /v1/participants/{id}/progress
void add_summary_routes(runtime::Service& service);   // /v1/cohorts/{id}/summary
void add_cohort_view_routes(runtime::Service& service);  // /v1/cohorts, /v1/cohorts/{id}/sessions
void add_report_page(runtime::Service& service);         // /reports/ (static, public)
void add_read_model(
    runtime::Service& service);  // consumes modules, enrolment and attendance events

}  // namespace samverkan::reporting
