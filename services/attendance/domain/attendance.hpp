#pragma once
// Attendance rules, free of HTTP, SQL and Kafka: the record aggregate, the replicas of sessions and
// enrolments it is checked against, and the decision to mark as one pure function.
#include <chrono>
#include <cstdint>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <samverkan/json/reader.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "attendance_recorded.hpp"
#include "record.hpp"

namespace samverkan::attendance {

// The mark as its source gives it: a trainer's PUT, an import, a check-in, the auto-marking.
struct Mark {
  Status status = Status::Present;
  std::optional<std::int64_t> minutes;  // attended minutes
  Source source = Source::Manual;
  std::optional<std::string> reason;  // why; required when the mark changes an existing one
  std::optional<ImportRef> import;    // for Source::Import: which import and file
};

struct Resolved {
  Status status = Status::Present;
  std::int64_t minutes = 0;
};

// Turns a mark into the minutes that count, or says what is wrong:
// - present: minutes default to the whole session and may not exceed it;
// - late: minutes are required, from 1 to the session's length;
// - excused, absent: no attended minutes (0 or omitted).
std::optional<Resolved> resolve(const Mark& mark, std::int64_t session_minutes,
                                std::vector<json::FieldError>& errors);

// True when the new mark changes nothing, so a repeated PUT is a no-op.
inline bool same(const Resolved& a, const Resolved& b) {
  return a.status == b.status && a.minutes == b.minutes;
}

// The session replica, as modules last described it (session.scheduled, session.changed).
enum class SessionStatus { Scheduled, Cancelled };
std::optional<SessionStatus> parse_session_status(std::string_view text);
std::string_view to_string(SessionStatus status);

struct Session {
  ids::SessionId id;
  ids::FederationId federation;
  ids::CohortId cohort;
  std::optional<ids::ModuleId> module;  // none for a conference
  SessionStatus status = SessionStatus::Scheduled;
  std::string starts_at, ends_at;             // the window, RFC 3339
  std::string time_zone;                      // IANA zone the session is held in
  std::vector<std::string> trainer_subjects;  // token subjects of its trainers (sorted)
  std::int64_t version = 1;
};

// The enrolment replica, as enrolment last described it (enrolment.approved, enrolment.changed).
enum class EnrolmentStatus { Interest, Pending, Approved, Waitlisted, Rejected, Withdrawn };
std::optional<EnrolmentStatus> parse_enrolment_status(std::string_view text);
std::string_view to_string(EnrolmentStatus status);

struct Enrolment {
  ids::EnrolmentId id;
  ids::FederationId federation;
  ids::ParticipantId participant;
  ids::OrganisationId organisation;
  ids::CohortId cohort;
  EnrolmentStatus status = EnrolmentStatus::Pending;
  std::optional<std::string> approved_at;              // RFC 3339; set once it was approved
  std::optional<std::chrono::year_month_day> left_on;  // the leaving date of a withdrawal
  // The modules the participant chose (mandatory ones included); nullopt: no choice recorded,
  // which means every module of the programme.
  std::optional<std::vector<ids::ModuleId>> module_ids;
  std::int64_t version = 1;
};

// What the decision needs to know besides the record: the session and the participant's enrolment
// in the session's cohort, with the two facts the store derives from the session's window.
struct Context {
  Session session;
  std::int64_t session_minutes = 0;       // the window's length
  std::chrono::year_month_day starts_on;  // the window's first day in the session's time zone
  std::optional<Enrolment> enrolment;
  std::int64_t starts_epoch = 0;  // the window's start, seconds since the epoch (UTC)
};

struct Actor {
  ids::FederationId federation;  // from the token
  std::string subject;           // the token subject, kept as recorded_by
  // A trainer (without an administrator's role) marks only the sessions it is assigned to.
  bool own_sessions_only = false;
};

struct MarkCommand {
  ids::SessionId session;
  ids::ParticipantId participant;
  Mark mark;
  ids::RecordId id_if_new;  // the id a first mark gets (the caller draws it)
  std::string now;          // RFC 3339 UTC with milliseconds: recorded_at of a new revision
};

// Why a mark is refused, each named by a stable code.
// NotSessionTrainer is a 403 (the caller may not mark this session); the others are 422s.
enum class Refusal {
  NotEnrolled,
  SessionCancelled,
  AfterLeaving,
  MinutesDoNotFit,
  ReasonRequired,
  ModuleNotChosen,
  NotSessionTrainer
};
std::string_view to_string(Refusal refusal);  // a stable code, e.g. "session_cancelled"

struct Refused {
  Refusal reason;
  std::string detail;                    // says which rule, never echoes personal data
  std::vector<json::FieldError> errors;  // the fields concerned
};
struct Recorded {  // a first mark (revision 1) or a correction (revision + 1)
  Record record;
  AttendanceRecorded event;
  bool created = false;
};
struct Unchanged {  // the same mark again: no revision, no event
  Record record;
};
using Decision = std::variant<Recorded, Unchanged, Refused>;

// The rules, in order:
// 0. a trainer marks only a session it is assigned to (may_record, expected.hpp);
// 1-3. the participant is expected at the session (check_expected, expected.hpp): the session
//    is not cancelled, the enrolment in its cohort gives a place, the session is not after the
//    leaving date, and its module is one the participant chose;
// 4. the mark must fit the session (resolve);
// then the same mark as the current one is Unchanged (whatever its source and reason);
// 5. a different mark than the current one needs a non-blank reason;
// and it becomes the next revision, with the mark's source, reason and import.
// Every PUT is checked against the rules as they are now, a repeated one too.
Decision decide(const std::optional<Record>& current, const MarkCommand& command,
                const Actor& actor, const Context& context);

}  // namespace samverkan::attendance
