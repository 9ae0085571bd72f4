#pragma once
// SQL for self-study entries and the per-cohort policy. Every query filters on the federation.
#include <optional>
#include <pqxx/pqxx>
#include <vector>

#include "../domain/self_study.hpp"
#include "../domain/statement.hpp"

namespace samverkan::attendance::repo {

SelfStudyContext self_study_context(pqxx::work& tx, const ids::FederationId& fed,
                                    const ids::ParticipantId& participant,
                                    const ids::CohortId& cohort, const ids::ModuleId& module);

void insert_self_study(pqxx::work& tx, const SelfStudyEntry& entry);
// The entry, locked until the transaction ends; nullopt when there is none in the federation.
std::optional<SelfStudyEntry> lock_self_study(pqxx::work& tx, const ids::FederationId& fed,
                                              const std::string& id);
// Writes a decision over the locked version (next.version - 1).
void update_self_study(pqxx::work& tx, const SelfStudyEntry& next);
// The participant's entries, newest date first.
std::vector<SelfStudyEntry> list_self_study(pqxx::work& tx, const ids::FederationId& fed,
                                            const ids::ParticipantId& participant);

// The approved entries of a month, for the statement (by date, then id).
std::vector<SelfStudyLine> approved_self_study(pqxx::work& tx, const ids::FederationId& fed,
                                               const ids::ParticipantId& participant,
                                               const std::string& month);

// Sets a cohort's policy; the stored version after the change, or nullopt when it was already so.
std::optional<std::int64_t> set_self_study_policy(pqxx::work& tx, const ids::FederationId& fed,
                                                  const ids::CohortId& cohort, bool allowed);

}  // namespace samverkan::attendance::repo
