#pragma once
// Self-study: where a cohort allows it, a participant logs minutes of study against a module
// with a date and a description; a coordinator (or administrator) approves or rejects it. Approved
// self-study counts toward hours and the monthly statement, kept apart from sessions. Pure rules.
#include <cstdint>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <samverkan/json/reader.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "attendance.hpp"

namespace samverkan::attendance {

enum class SelfStudyStatus { Pending, Approved, Rejected };
std::string_view to_string(SelfStudyStatus status);
std::optional<SelfStudyStatus> parse_self_study_status(std::string_view text);

struct SelfStudyEntry {
  std::string id;  // a UUID: the Kafka key of its events
  ids::FederationId federation;
  ids::ParticipantId participant;
  ids::OrganisationId organisation;  // of the participant's enrolment in the cohort
  ids::CohortId cohort;
  ids::ModuleId module;
  std::string studied_on;    // YYYY-MM-DD
  std::int64_t minutes = 0;  // 1 to kMaxSelfStudyMinutes
  std::string description;   // free text: never in an event or a log
  SelfStudyStatus status = SelfStudyStatus::Pending;
  std::optional<std::string> decision_reason;  // why it was rejected (free text)
  std::string logged_by, logged_at;
  std::optional<std::string> decided_by, decided_at;
  std::int64_t version = 1;  // 1 when logged, 2 when decided
};
inline constexpr std::int64_t kMaxSelfStudyMinutes = 720;

// Who acts, and what confines them (as for apologies).
struct Reviewer {
  enum class Kind { Administrator, Coordinator, Participant };
  Kind kind = Kind::Administrator;
  ids::FederationId federation;
  std::string subject;
  std::optional<ids::OrganisationId> organisation;  // a coordinator's
  std::optional<ids::ParticipantId> linked;         // a participant token's participant
};

// What the log decision needs to know besides the command.
struct SelfStudyContext {
  bool allowed = false;                // the cohort's self-study policy
  std::optional<Enrolment> enrolment;  // the participant's in the cohort
  bool module_of_cohort = false;       // the cohort has a session of the module
  std::string today;                   // YYYY-MM-DD (UTC)
};

struct LogSelfStudy {
  ids::ParticipantId participant;
  ids::CohortId cohort;
  ids::ModuleId module;
  std::string studied_on;
  std::int64_t minutes = 0;
  std::string description;
  std::string id_if_new;
  std::string now;  // RFC 3339 UTC with milliseconds
};

enum class SelfStudyRefusal {
  NotFound,         // 404: another organisation's participant or entry, for a coordinator
  NotYourself,      // 403: a participant logs only their own
  NotAllowed,       // 422: the cohort does not allow self-study
  NotEnrolled,      // 422: no place in the cohort
  ModuleNotChosen,  // 422: the module is not one the participant chose
  UnknownModule,    // 422: not a module of the cohort (no session of it)
  NotInPeriod,      // 422: in the future, or after the leaving date
  AlreadyDecided,   // 409: approved and rejected are final
};
std::string_view to_string(SelfStudyRefusal refusal);

struct SelfStudyRefused {
  SelfStudyRefusal reason;
  std::string detail;
  std::vector<json::FieldError> errors;
};
struct SelfStudyChanged {  // logged (version 1) or decided (version 2)
  SelfStudyEntry entry;
};
struct SelfStudyUnchanged {  // the same decision again
  SelfStudyEntry entry;
};
using SelfStudyDecision = std::variant<SelfStudyChanged, SelfStudyUnchanged, SelfStudyRefused>;

// In order: a participant logs only for themselves (403); the cohort allows self-study; the
// enrolment gives a place; the module is the cohort's and (if a choice is recorded) chosen; the
// date is not in the future nor after the leaving date.
SelfStudyDecision decide_log(const LogSelfStudy& command, const Reviewer& who,
                             const SelfStudyContext& context);

struct Review {
  SelfStudyStatus decision = SelfStudyStatus::Approved;  // Approved or Rejected
  std::optional<std::string> reason;                     // required to reject (checked at the edge)
  std::string now;
};
// A coordinator reviews only its organisation's entries (404 otherwise); the same decision again
// is Unchanged; a different one on a decided entry is AlreadyDecided.
SelfStudyDecision decide_review(const SelfStudyEntry& current, const Review& review,
                                const Reviewer& who);

}  // namespace samverkan::attendance
