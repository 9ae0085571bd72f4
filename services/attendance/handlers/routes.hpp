#pragma once
// Every route of the attendance service.
#include <samverkan/auth/principal.hpp>
#include <samverkan/runtime/service.hpp>
#include <set>

namespace samverkan::attendance {

using auth::Role;
// Trainers and administrators record attendance; coordinators and auditors may read it.
inline const std::set<Role> kRecorders{Role::FederationAdmin, Role::Trainer};
inline const std::set<Role> kReaders{Role::FederationAdmin, Role::Trainer, Role::OrgCoordinator,
                                     Role::FunderAuditor};
// Readers who see every organisation's attendance; coordinators see only their own.
inline const std::set<Role> kFederationWide{Role::FederationAdmin, Role::Trainer,
                                            Role::FunderAuditor};

// Meeting-report imports: trainers (their own sessions once trainers are assigned) and
// administrators. Coordinators do not run sessions, so they do not import.
inline const std::set<Role> kImporters{Role::FederationAdmin, Role::Trainer};
// E-mail aliases: administrators, and coordinators for their own organisation's participants.
inline const std::set<Role> kAliasEditors{Role::FederationAdmin, Role::OrgCoordinator};

void add_import_routes(runtime::Service& service);       // POST .../attendance/imports
void add_email_alias_routes(runtime::Service& service);  // /v1/participants/{id}/email-aliases
void add_attendance_routes(
    runtime::Service& service);  // /v1/sessions/{session_id}/attendance[/{participant_id}]
void add_replicas(
    runtime::Service& service);  // session.scheduled/.changed, enrolment.approved/.changed

}  // namespace samverkan::attendance
