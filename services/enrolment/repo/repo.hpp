#pragma once
// Rows to and from the enrolment service's aggregates. Every function is scoped by the caller's
// federation (the tenant from the token); ids are typed so they cannot be swapped.
#include <cstdint>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/ids/ids.hpp>
#include <samverkan/runtime/paging.hpp>
#include <set>
#include <string>
#include <vector>

#include "../domain/electives.hpp"
#include "../domain/entry_facts.hpp"
#include "../domain/model.hpp"
#include "../domain/policy.hpp"
#include "../domain/sensitive_facts.hpp"

namespace samverkan::enrolment::repo {

// Throws pqxx::unique_violation when the organisation number is taken in the federation.
void insert_organisation(pqxx::work& tx, const Organisation& o);
std::optional<Organisation> find_organisation(pqxx::work& tx, const FederationId& fed,
                                              const OrganisationId& id);
std::vector<Organisation> list_organisations(pqxx::work& tx, const FederationId& fed,
                                             const runtime::Page& page);

// Throws pqxx::unique_violation when the organisation already has a participant with the e-mail.
void insert_participant(pqxx::work& tx, const Participant& p);
std::optional<Participant> find_participant(pqxx::work& tx, const FederationId& fed,
                                            const ParticipantId& id);
// organisation: only that organisation's participants (for coordinators and filters).
std::vector<Participant> list_participants(pqxx::work& tx, const FederationId& fed,
                                           const std::optional<OrganisationId>& organisation,
                                           const runtime::Page& page);

// --- Participant login link, entry facts and bulk import (ADR 0060-0062) -------------------
// The participant record linked to a participant token's subject, if any.
std::optional<Participant> find_participant_by_subject(pqxx::work& tx, const FederationId& fed,
                                                       const std::string& subject);
// Stores the participant's subject and version if the row is still at expected_version.
// Throws pqxx::unique_violation when another participant of the federation has the subject.
bool update_participant_subject(pqxx::work& tx, const Participant& next,
                                std::int64_t expected_version);
// The organisation's participants by lower-cased e-mail address.
std::map<std::string, ParticipantId> organisation_participants_by_email(
    pqxx::work& tx, const FederationId& fed, const OrganisationId& organisation);
// "<participant id> <cohort id>" of every enrolment of the organisation's participants.
std::set<std::string> organisation_enrolment_pairs(pqxx::work& tx, const FederationId& fed,
                                                   const OrganisationId& organisation);
// Serialises imports into one organisation (a transaction-scoped advisory lock, so single
// registrations and enrolments, which only take key-share locks on the organisation, never wait
// for an import). False when the organisation is not in the federation.
bool lock_organisation_for_import(pqxx::work& tx, const FederationId& fed,
                                  const OrganisationId& organisation);
// Many participants in few statements (an import). Throws pqxx::unique_violation as above.
void insert_participants(pqxx::work& tx, const std::vector<Participant>& participants);
// The participant's current entry facts (highest version), without frozen_on's recomputation.
std::optional<EntryFactsRecord> find_entry_facts(pqxx::work& tx, const FederationId& fed,
                                                 const ParticipantId& participant);
// Appends versions of entry facts (never updates); recorded_by is the token subject, reason ""
// for none. Throws pqxx::unique_violation when a version is taken (a concurrent change).
void append_entry_facts(pqxx::work& tx, const std::vector<EntryFactsRecord>& records,
                        const std::string& recorded_by, const std::string& reason);
// The earliest started_on (not null, not after `today`) among the participant's enrolments: the
// day its entry facts froze; nullopt when it has not started.
std::optional<Date> participant_started_on(pqxx::work& tx, const FederationId& fed,
                                           const ParticipantId& participant, Date today);

// --- Sensitive categories (ADR 0070) ------------------------------------------------------------
std::optional<SensitiveFactsRecord> find_sensitive_facts(pqxx::work& tx, const FederationId& fed,
                                                         const ParticipantId& participant);
// Inserts or replaces the participant's row (its row lock is the caller's).
void store_sensitive_facts(pqxx::work& tx, const SensitiveFactsRecord& next);
// Whether a current enrolment (not rejected or withdrawn) of the participant is in a programme
// that collects sensitive categories.
bool sensitive_categories_collected(pqxx::work& tx, const FederationId& fed,
                                    const ParticipantId& participant);
// The cohorts where the participant's enrolment is approved (theirs count there), by id.
std::vector<CohortId> approved_cohorts(pqxx::work& tx, const FederationId& fed,
                                       const ParticipantId& participant);
// The cohort's last published counts with their row locked (created at version 0 first); none
// when the cohort's programme does not collect sensitive categories.
std::optional<CohortSensitiveCounts> lock_sensitive_counts(pqxx::work& tx, const FederationId& fed,
                                                           const CohortId& cohort);
// The recorded facts (none: nothing recorded) of each approved enrolment of the cohort.
std::vector<std::optional<SensitiveFacts>> approved_sensitive_facts(pqxx::work& tx,
                                                                    const FederationId& fed,
                                                                    const CohortId& cohort);
void store_sensitive_counts(pqxx::work& tx, const CohortSensitiveCounts& next);

// The cohort replica, as modules' cohort.created describes it.
struct CohortRow {
  Cohort cohort;
  ids::ProgrammeId programme;
  std::string name;
  std::int64_t version = 1;
};
// Applies the row only if its version is newer than the stored one (db::upsert_if_newer).
bool store_cohort(pqxx::work& tx, const CohortRow& row);
std::optional<Cohort> find_cohort(pqxx::work& tx, const FederationId& fed, const CohortId& id);

// Throws pqxx::unique_violation when the participant already has an enrolment in the cohort.
void insert_enrolment(pqxx::work& tx, const Enrolment& e);
enum class Lock { None, ForUpdate };
std::optional<Enrolment> find_enrolment(pqxx::work& tx, const FederationId& fed,
                                        const EnrolmentId& id, Lock lock = Lock::None);
// Stores `next` only if the row is still at `expected_version` (the version the decision was
// made from); false when another transaction changed it first.
bool update_enrolment(pqxx::work& tx, const Enrolment& next, std::int64_t expected_version);
// participant: only that participant's enrolments (a participant's own view).
std::vector<Enrolment> list_enrolments(pqxx::work& tx, const FederationId& fed,
                                       const std::optional<CohortId>& cohort,
                                       const std::optional<OrganisationId>& organisation,
                                       const runtime::Page& page,
                                       const std::optional<ParticipantId>& participant = {});

// The cohort-end job's next enrolment, of any federation: approved, without left_on, in a cohort
// whose ends_on is before `today`; locked, skipping rows another replica holds (SKIP LOCKED).
std::optional<Enrolment> lock_next_ended_enrolment(pqxx::work& tx, Date today);

// The waitlisted enrolments of a cohort in queue order (time of request), locked for promotion.
std::vector<Enrolment> lock_waitlist(pqxx::work& tx, const FederationId& fed,
                                     const CohortId& cohort);
// Where an enrolment requested at `e.requested_at` would stand in the cohort's queue now.
std::int64_t waitlist_position(pqxx::work& tx, const Enrolment& e);

// A cohort's policy, or the defaults when none was set.
EnrolmentPolicy find_policy(pqxx::work& tx, const FederationId& fed, const CohortId& cohort);
// The same, with the policy's row locked (written with the defaults first if it does not exist):
// the lock that orders every seat decision in the cohort.
EnrolmentPolicy lock_policy(pqxx::work& tx, const FederationId& fed, const CohortId& cohort);
// Stores a policy whose row is locked, replacing its quotas.
void store_policy(pqxx::work& tx, const EnrolmentPolicy& policy);
SeatUsage seat_usage(pqxx::work& tx, const FederationId& fed, const CohortId& cohort);
std::map<OrganisationId, std::int64_t> interest_by_organisation(pqxx::work& tx,
                                                                const FederationId& fed,
                                                                const CohortId& cohort);
// Those of `ids` that are not organisations of the federation.
std::vector<OrganisationId> unknown_organisations(pqxx::work& tx, const FederationId& fed,
                                                  const std::vector<OrganisationId>& ids);

// The programme replica (modules' programme and module events), by version.
struct ProgrammeRow {
  ids::ProgrammeId id;
  FederationId federation;
  std::int64_t min_electives = 0;
  std::optional<std::int64_t> max_electives;
  bool start_on_approval = false;
  bool sensitive_categories = false;
  std::int64_t version = 1;
};
bool store_programme(pqxx::work& tx, const ProgrammeRow& row);
struct ModuleRow {
  ModuleId id;
  FederationId federation;
  ids::ProgrammeId programme;
  std::string code;
  bool mandatory = false;
  std::int64_t version = 1;
};
bool store_module(pqxx::work& tx, const ModuleRow& row);
// The modules of the cohort's programme (by code) and its elective rule; none when the cohort is
// unknown. A programme not yet replicated has no rule: min 0, no max.
std::optional<ProgrammeCatalogue> find_catalogue(pqxx::work& tx, const FederationId& fed,
                                                 const CohortId& cohort);

// Whether the cohort's programme counts the approval's day as the participant's start.
bool starts_on_approval(pqxx::work& tx, const FederationId& fed, const CohortId& cohort);

// Replicas behind started_on, by version: modules' sessions and attendance's marks.
struct SessionRow {
  ids::SessionId id;
  FederationId federation;
  CohortId cohort;
  std::string starts_at;  // RFC 3339
  std::string time_zone;  // IANA
  std::string status;
  std::int64_t version = 1;
};
bool store_session(pqxx::work& tx, const SessionRow& row);
struct MarkRow {
  std::string record_id;
  FederationId federation;
  ids::SessionId session;
  ParticipantId participant;
  CohortId cohort;
  bool attended = false;  // present or late
  std::int64_t revision = 1;
};
bool store_mark(pqxx::work& tx, const MarkRow& row);
// The first day (in the session's time zone) the participant attended a held session of the
// cohort; none if they attended none.
std::optional<Date> first_attended_day(pqxx::work& tx, const FederationId& fed,
                                       const ParticipantId& participant, const CohortId& cohort);
// Who attended the session: (participant, cohort) pairs whose start may move with it.
std::vector<std::pair<ParticipantId, CohortId>> attendees(pqxx::work& tx, const FederationId& fed,
                                                          const ids::SessionId& session);
std::optional<Enrolment> find_enrolment_of(pqxx::work& tx, const FederationId& fed,
                                           const ParticipantId& participant, const CohortId& cohort,
                                           Lock lock);

}  // namespace samverkan::enrolment::repo
