#pragma once
// The progress and summary reports assembled from stored totals: which rows show and what the
// totals are. Free of HTTP, SQL and Kafka.
#include <optional>
#include <string>
#include <vector>

#include "completion.hpp"
#include "deltas.hpp"
#include "figures.hpp"
#include "lifecycle.hpp"

namespace samverkan::reporting {

// One cohort x organisation total as stored.
struct OrganisationTotals {
  std::string organisation_id;
  std::string name;  // empty until organisation.registered has arrived
  EnrolmentCounts enrolments;
  Tally attendance;
  std::int64_t completed = 0;  // participants who have completed under the programme's rule
};

struct CohortSummary {
  std::string cohort_id;
  std::optional<std::string> name;  // null until cohort.created has arrived
  SessionCounts sessions;
  std::vector<OrganisationTotals> organisations;  // the shown rows, in the order given
  EnrolmentCounts enrolments;                     // over the shown rows
  Tally attendance;                               // over the shown rows
  std::int64_t completed = 0;                     // over the shown rows
};

// An organisation shows in a cohort's summary while it has an enrolled participant or any
// attendance record there (so a withdrawn participant's hours keep their organisation listed).
bool shown_in_summary(const OrganisationTotals& row);

// rows: the cohort's stored totals (already limited to the caller's organisation, if any), in
// display order.
CohortSummary summarise_cohort(std::string cohort_id, std::optional<std::string> name,
                               SessionCounts sessions, std::vector<OrganisationTotals> rows);

struct ModuleInfo {
  std::string module_id, code, title;
  bool mandatory = false;
  std::int64_t planned_hours = 0;
};

struct ModuleTotals {
  std::string module_key;  // a module id, or kNoModule
  Tally attendance;
};

struct ModuleProgress {
  ModuleInfo module;
  Tally attendance;
  std::int64_t self_study_minutes = 0;  // approved self-study, apart from session attendance
};

struct Progress {
  std::string participant_id, organisation_id;
  Tally overall;  // every module, known or not, and sessions outside modules
  std::vector<ModuleProgress> modules;
  Tally outside_modules;
  std::int64_t self_study_minutes = 0;        // every approved entry, never in overall
  std::vector<CohortCompletion> completions;  // cohorts whose programme has a completion rule
};

// listed: the modules the report lists (those of the participant's approved cohorts and those
// with attendance), in display order; totals: the participant's stored totals per module.
Progress participant_progress(std::string participant_id, std::string organisation_id,
                              const std::vector<ModuleInfo>& listed,
                              const std::vector<ModuleTotals>& totals);

// Adds the participant's approved self-study: per listed module and in all, kept apart from the
// session figures (issue 8 §6).
void add_self_study(Progress& progress, const std::vector<StudiedMinutes>& approved);

}  // namespace samverkan::reporting
