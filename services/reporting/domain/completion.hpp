#pragma once
// Whether a participant has completed a programme under its completion rule (issue 9 §1): per
// module, per mandatory conference and for the programme, complete or not, what is missing and
// the date it was completed. A pure function of the rule, the cohort's plan and the participant's
// current marks, so the stored completions can always be recomputed (rebuild). Free of HTTP, SQL
// and Kafka.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace samverkan::reporting {

// The programme's rule as modules publishes it (programme.created / programme.changed).
struct CompletionRule {
  std::int64_t threshold_percent = 100;  // a module is complete at this share attended
  bool by_hours = false;                 // share of planned hours; else of sessions
  bool excused_counts = false;           // an excused mark counts as attended
  // Attended self-study sessions count towards their module, and (by hours) so do the minutes of
  // approved self-study entries.
  bool self_study_counts = false;
  bool conferences_mandatory = true;  // every conference (no module) must be attended
  std::int64_t min_electives = 0;     // modules not mandatory that must be complete
  friend bool operator==(const CompletionRule&, const CompletionRule&) = default;
};

struct PlannedModule {
  std::string module_id, code;
  bool mandatory = false;
  std::int64_t planned_hours = 0;
};

// One session of the participant's cohort. Self-study sessions (kind "self_study") are never
// required; when the rule lets self-study count, attending one adds to its module.
struct PlannedSession {
  std::string session_id;
  std::optional<std::string> module_id;  // none: a conference or other programme-wide session
  std::string kind;
  std::string date;          // YYYY-MM-DD (UTC) of its start; orders the sessions
  std::int64_t minutes = 0;  // its planned length
  bool cancelled = false;    // a cancelled session is neither required nor credited
};

// The participant's current mark of a session.
struct Mark {
  std::string session_id, status;
  std::int64_t minutes = 0;
};

// An approved self-study entry of the participant (attendance's self_study.changed).
struct StudiedMinutes {
  std::string module_id;
  std::string date;  // YYYY-MM-DD, the day studied
  std::int64_t minutes = 0;
};

struct ModuleCompletion {
  PlannedModule module;
  bool complete = false;
  std::optional<std::string> completed_on;  // the date of the session that reached the threshold
  std::int64_t attended = 0, required = 0;  // sessions, or minutes when the rule is by hours
  std::optional<std::string> missing;       // "1 more session of module M3"
};

struct ConferenceCompletion {
  std::string session_id, date;
  bool attended = false;
};

struct Completion {
  bool complete = false;
  std::optional<std::string> completed_on;        // when the last requirement was met
  std::vector<ModuleCompletion> modules;          // in the order given
  std::vector<ConferenceCompletion> conferences;  // the mandatory ones, by date
  std::int64_t electives_complete = 0, electives_required = 0;
  bool by_hours = false;             // modules' attended/required are minutes, else sessions
  std::vector<std::string> missing;  // every unmet requirement, in plain words
};

// A participant's completion of one cohort (of one programme), as progress shows it.
struct CohortCompletion {
  std::string cohort_id, programme_id;
  Completion completion;
};

// modules: the programme's modules; sessions: the cohort's; marks: the participant's there;
// self_study: the participant's approved self-study in the cohort. Self-study entries count only
// when the rule says so and is by hours (they are minutes, not sessions; ADR 0072); a module is
// then completed on the day whose session or entry reached the threshold.
// A programme with no requirement at all (no mandatory module or conference, no elective asked)
// is never complete: there is nothing to have completed.
Completion evaluate_completion(const CompletionRule& rule,
                               const std::vector<PlannedModule>& modules,
                               const std::vector<PlannedSession>& sessions,
                               const std::vector<Mark>& marks,
                               const std::vector<StudiedMinutes>& self_study = {});

}  // namespace samverkan::reporting
