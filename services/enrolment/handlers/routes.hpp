#pragma once
// Every route of the enrolment service, one file per resource.
#include <samverkan/auth/principal.hpp>
#include <samverkan/runtime/service.hpp>
#include <set>

namespace samverkan::enrolment {

using auth::Role;
inline const std::set<Role> kAdmins{Role::FederationAdmin};
// Participants' personal data: administrators, and coordinators for their own organisation.
inline const std::set<Role> kPeopleManagers{Role::FederationAdmin, Role::OrgCoordinator};
// People managers, and a participant token for its own record only (ADR 0061).
inline const std::set<Role> kPeopleAndSelf{Role::FederationAdmin, Role::OrgCoordinator,
                                           Role::Participant};
// Who sees every organisation's people; everyone else sees only their own organisation's.
inline const std::set<Role> kFederationWide{Role::FederationAdmin};
inline const std::set<Role> kMembers{Role::FederationAdmin, Role::OrgCoordinator, Role::Trainer,
                                     Role::FunderAuditor};

void add_organisation_routes(runtime::Service& service);  // /v1/organisations
void add_participant_routes(runtime::Service& service);   // /v1/participants
// /v1/participants/{id}/sensitive-facts (ADR 0070)
void add_sensitive_facts_routes(runtime::Service& service);
// /v1/enrolments, .../{id}/approve|request|reject|withdraw, .../{id}/modules
void add_enrolment_routes(runtime::Service& service);
// /v1/cohorts/{cohort_id}/enrolment-policy and /v1/cohorts/{cohort_id}/interest
void add_policy_routes(runtime::Service& service);
void add_cohort_replica(runtime::Service& service);  // consumes cohort.created
// consumes programme.created, programme.changed and module.created
void add_programme_replica(runtime::Service& service);
// consumes session.scheduled, session.changed and attendance.recorded: started_on
void add_start_replicas(runtime::Service& service);

}  // namespace samverkan::enrolment
