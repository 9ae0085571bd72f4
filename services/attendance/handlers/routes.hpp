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
// A participant also reads their own marks' history.
inline const std::set<Role> kOwnReaders{Role::FederationAdmin, Role::Trainer, Role::OrgCoordinator,
                                        Role::FunderAuditor, Role::Participant};
// Readers who see every organisation's attendance; coordinators see only their own.
inline const std::set<Role> kFederationWide{Role::FederationAdmin, Role::Trainer,
                                            Role::FunderAuditor};

// Apologies: registered by administrators, coordinators (their organisation's people) and
// participants (themselves); read by those and by trainers. Auditors do not see the reasons.
inline const std::set<Role> kApologists{Role::FederationAdmin, Role::OrgCoordinator,
                                        Role::Participant};
inline const std::set<Role> kApologyReaders{Role::FederationAdmin, Role::Trainer,
                                            Role::OrgCoordinator, Role::Participant};

// Statements: the participant (own), coordinators (their organisation), administrators and
// funder auditors read them; only the participant confirms.
inline const std::set<Role> kStatementReaders{Role::FederationAdmin, Role::OrgCoordinator,
                                              Role::FunderAuditor, Role::Participant};
inline const std::set<Role> kStatementConfirmers{Role::Participant};
inline const std::set<Role> kStatementOverseers{Role::FederationAdmin, Role::OrgCoordinator,
                                                Role::FunderAuditor};

// Self-study: logged by participants (their own), coordinators (their organisation's people) and
// administrators; reviewed by coordinators and administrators; read like statements.
inline const std::set<Role> kSelfStudyLoggers{Role::FederationAdmin, Role::OrgCoordinator,
                                              Role::Participant};
inline const std::set<Role> kSelfStudyReviewers{Role::FederationAdmin, Role::OrgCoordinator};
inline const std::set<Role> kPolicySetters{Role::FederationAdmin};

// Self check-in: trainers of the session (and administrators) open it; participants check in.
inline const std::set<Role> kCheckInParticipants{Role::Participant};

void add_check_in_routes(runtime::Service& service);    // /v1/sessions/{id}/check-in[s]
void add_self_study_routes(runtime::Service& service);  // /v1/self-study, ...
void add_statement_routes(runtime::Service& service);   // /v1/participants/{id}/statements, ...
void add_apology_routes(runtime::Service& service);     // /v1/sessions/{session_id}/apologies

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
