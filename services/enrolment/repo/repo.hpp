#pragma once
// Rows to and from the enrolment service's aggregates. Every function is scoped by the caller's
// federation (the tenant from the token); ids are typed so they cannot be swapped.
#include <cstdint>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/ids/ids.hpp>
#include <samverkan/runtime/paging.hpp>
#include <string>
#include <vector>

#include "../domain/electives.hpp"
#include "../domain/model.hpp"
#include "../domain/policy.hpp"

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
std::vector<Enrolment> list_enrolments(pqxx::work& tx, const FederationId& fed,
                                       const std::optional<CohortId>& cohort,
                                       const std::optional<OrganisationId>& organisation,
                                       const runtime::Page& page);

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

}  // namespace samverkan::enrolment::repo
