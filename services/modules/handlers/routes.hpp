#pragma once
// Every route of the modules service, one file per resource (see each .cpp for its routes).
#include <samverkan/auth/principal.hpp>
#include <samverkan/runtime/service.hpp>
#include <set>

namespace samverkan::modules {

// Anyone in the federation may read the catalogue; only its administrators change it.
inline const std::set<auth::Role> kReaders{auth::Role::FederationAdmin, auth::Role::OrgCoordinator,
                                           auth::Role::Trainer, auth::Role::FunderAuditor};
inline const std::set<auth::Role> kPlanners{auth::Role::FederationAdmin};

void add_programme_routes(runtime::Service& service);  // /v1/programmes
void add_programme_rule_routes(runtime::Service& service);  // /v1/programmes/{id}/rules
void add_cohort_routes(runtime::Service& service);     // /v1/programmes/{id}/cohorts
void add_module_routes(runtime::Service& service);     // /v1/programmes/{id}/modules
void add_session_routes(runtime::Service& service);    // /v1/cohorts/{id}/sessions
void add_session_change_routes(
    runtime::Service& service);  // /v1/sessions/{session_id}[/reschedule|/cancel|/trainers]

}  // namespace samverkan::modules
