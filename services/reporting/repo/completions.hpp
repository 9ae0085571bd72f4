#pragma once
// Completion in the read model: the plan a cohort's participants are measured against, their
// marks, and the stored completions, kept equal to evaluate_completion over the current rows.
// Whatever changes an input (a mark, an enrolment, a session, a module, the programme's rule)
// re-evaluates the participants it concerns in the same transaction; a stored state that changes
// is written one version up and handed to the sink (the service: its outbox).
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "../domain/completion.hpp"
#include "../domain/events.hpp"

namespace samverkan::reporting::repo {

using CompletionSink = std::function<void(pqxx::work&, const CompletionChanged&)>;

struct CohortPlan {
  std::string cohort_id, programme_id;
  CompletionRule rule;
  std::vector<PlannedModule> modules;  // by code
  std::vector<PlannedSession> sessions;
};

// nullopt: reporting does not know the cohort, or its programme has no completion rule.
std::optional<CohortPlan> read_cohort_plan(pqxx::transaction_base& tx, const std::string& fed,
                                           const std::string& cohort_id);
std::vector<Mark> read_marks(pqxx::transaction_base& tx, const std::string& fed,
                             const std::string& participant_id, const std::string& cohort_id);
// The participant's approved self-study entries, in every cohort.
std::vector<StudiedMinutes> read_approved_self_study(pqxx::transaction_base& tx,
                                                     const std::string& fed,
                                                     const std::string& participant_id);
// The participant's approved self-study entries in the cohort.
std::vector<StudiedMinutes> read_self_study(pqxx::transaction_base& tx, const std::string& fed,
                                            const std::string& participant_id,
                                            const std::string& cohort_id);

// Every cohort the participant is enrolled in (approved or withdrawn) under a completion rule.
std::vector<CohortCompletion> read_completions(pqxx::transaction_base& tx, const std::string& fed,
                                               const std::string& participant_id);

void refresh_participant_completions(pqxx::work& tx, const std::string& fed,
                                     const std::string& participant_id, const CompletionSink& sink);
void refresh_cohort_completions(pqxx::work& tx, const std::string& fed,
                                const std::string& cohort_id, const CompletionSink& sink);
void refresh_programme_completions(pqxx::work& tx, const std::string& fed,
                                   const std::string& programme_id, const CompletionSink& sink);
// Every cohort any enrolment or stored completion names (the rebuild).
std::int64_t refresh_all_completions(pqxx::work& tx, const CompletionSink& sink);

}  // namespace samverkan::reporting::repo
