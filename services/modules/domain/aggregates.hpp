#pragma once
// The modules service's aggregates as plain structs. Each has a version: 1 when created, one more
// at each change; events carry it so replicas keep only the newest state.
#include <cstdint>
#include <map>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::modules {

// When a participant has completed a module, and whether conferences are required (issue 9): a
// module is complete at >= threshold_percent of its sessions, or of its planned hours, attended.
enum class CompletionBasis { Sessions, Hours };
std::string_view to_string(CompletionBasis basis);
std::optional<CompletionBasis> completion_basis_from_string(std::string_view text);

struct CompletionRule {
  std::int64_t threshold_percent = 100;  // 1..100
  CompletionBasis basis = CompletionBasis::Sessions;
  bool excused_counts = false;        // an excused mark counts as attended
  bool self_study_counts = false;     // approved self-study counts towards its module
  bool conferences_mandatory = true;  // every conference (no module) must be attended
  friend bool operator==(const CompletionRule&, const CompletionRule&) = default;
};

// What a programme asks of its participants: how many electives (modules not mandatory) they
// choose, whether started_on is the approval date (else the first attended session), and the
// completion rule (none: completion is not evaluated).
struct ProgrammeRules {
  std::int64_t min_electives = 0;
  std::optional<std::int64_t> max_electives;
  bool start_on_approval = false;
  std::optional<CompletionRule> completion;
  friend bool operator==(const ProgrammeRules&, const ProgrammeRules&) = default;
};

struct Programme {
  ids::ProgrammeId id;
  ids::FederationId federation;
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> funder;
  std::int64_t created_at = 0;  // seconds since the epoch (UTC)
  std::int64_t version = 1;
  ProgrammeRules rules{};
};

struct Cohort {
  ids::CohortId id;
  ids::FederationId federation;
  ids::ProgrammeId programme;
  std::string name;
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;
  std::int64_t version = 1;
};

struct Module {
  ids::ModuleId id;
  ids::FederationId federation;
  ids::ProgrammeId programme;
  std::string code;
  std::string title;
  bool mandatory = false;
  std::int64_t planned_hours = 0;
  std::int64_t version = 1;
};

// A cancelled session takes no attendance and cannot change again.
enum class SessionStatus { Scheduled, Cancelled };
std::string_view to_string(SessionStatus status);
std::optional<SessionStatus> session_status_from_string(std::string_view text);

struct Session {
  ids::SessionId id;
  ids::FederationId federation;
  ids::CohortId cohort;
  std::optional<ids::ModuleId> module;  // none: a conference or other programme-wide session
  std::string kind;                     // lecture, workshop, seminar, conference, self_study
  std::string title;
  std::int64_t starts_at = 0;  // seconds since the epoch (UTC)
  std::int64_t ends_at = 0;
  std::string time_zone;  // IANA name, for local display
  std::string delivery;   // online, on_site, hybrid
  std::optional<std::string> location;
  SessionStatus status = SessionStatus::Scheduled;
  // Why it was cancelled; kept with the session, never put in an event (free text).
  std::optional<std::string> cancellation_reason;
  // Token subjects of the trainers assigned, sorted and unique; only they mark its attendance.
  std::vector<std::string> trainer_subjects;
  // Display names of those trainers, by subject (a trainer may have none). Staff names, which the
  // sessions export names as the teacher (ADR 0072).
  std::map<std::string, std::string> trainer_names;
  std::int64_t version = 1;
};

}  // namespace samverkan::modules
