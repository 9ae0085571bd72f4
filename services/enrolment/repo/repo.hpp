#pragma once
// Rows to and from the enrolment service's aggregates. Every function is scoped by the caller's
// federation (the tenant from the token); ids are typed so they cannot be swapped.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/ids/ids.hpp>
#include <samverkan/runtime/paging.hpp>
#include <string>
#include <vector>

#include "../domain/model.hpp"

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

}  // namespace samverkan::enrolment::repo
