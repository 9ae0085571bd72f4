#include "attendance.hpp"

#include <array>
#include <utility>

#include "expected.hpp"

namespace samverkan::attendance {

namespace {

// One table per enum, so parsing and printing cannot drift apart.
template <class E, std::size_t N>
std::optional<E> parse(const std::array<std::pair<E, std::string_view>, N>& names,
                       std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}
template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& names, E value) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";
}

constexpr std::array<std::pair<Status, std::string_view>, 4> kStatuses{
    {{Status::Present, "present"},
     {Status::Late, "late"},
     {Status::Excused, "excused"},
     {Status::Absent, "absent"}}};
constexpr std::array<std::pair<SessionStatus, std::string_view>, 2> kSessionStatuses{
    {{SessionStatus::Scheduled, "scheduled"}, {SessionStatus::Cancelled, "cancelled"}}};
constexpr std::array<std::pair<EnrolmentStatus, std::string_view>, 6> kEnrolmentStatuses{
    {{EnrolmentStatus::Interest, "interest"},
     {EnrolmentStatus::Pending, "pending"},
     {EnrolmentStatus::Approved, "approved"},
     {EnrolmentStatus::Waitlisted, "waitlisted"},
     {EnrolmentStatus::Rejected, "rejected"},
     {EnrolmentStatus::Withdrawn, "withdrawn"}}};
constexpr std::array<std::pair<Source, std::string_view>, 4> kSources{
    {{Source::Manual, "manual"},
     {Source::Import, "import"},
     {Source::CheckIn, "check_in"},
     {Source::Auto, "auto"}}};
constexpr std::array<std::pair<Refusal, std::string_view>, 7> kRefusals{
    {{Refusal::NotEnrolled, "not_enrolled"},
     {Refusal::ReasonRequired, "reason_required"},
     {Refusal::SessionCancelled, "session_cancelled"},
     {Refusal::AfterLeaving, "after_leaving_date"},
     {Refusal::MinutesDoNotFit, "minutes_do_not_fit"},
     {Refusal::ModuleNotChosen, "module_not_chosen"},
     {Refusal::NotSessionTrainer, "not_session_trainer"}}};

}  // namespace

std::optional<Status> parse_status(std::string_view text) { return parse(kStatuses, text); }
std::string_view to_string(Status status) { return name_of(kStatuses, status); }
std::optional<Source> parse_source(std::string_view text) { return parse(kSources, text); }
std::string_view to_string(Source source) { return name_of(kSources, source); }
std::optional<SessionStatus> parse_session_status(std::string_view text) {
  return parse(kSessionStatuses, text);
}
std::string_view to_string(SessionStatus status) { return name_of(kSessionStatuses, status); }
std::optional<EnrolmentStatus> parse_enrolment_status(std::string_view text) {
  return parse(kEnrolmentStatuses, text);
}
std::string_view to_string(EnrolmentStatus status) { return name_of(kEnrolmentStatuses, status); }
std::string_view to_string(Refusal refusal) { return name_of(kRefusals, refusal); }

std::optional<Resolved> resolve(const Mark& mark, std::int64_t session_minutes,
                                std::vector<json::FieldError>& errors) {
  const auto before = errors.size();
  Resolved r{mark.status, 0};
  switch (mark.status) {
    case Status::Present:
      r.minutes = mark.minutes.value_or(session_minutes);
      if (r.minutes < 1 || r.minutes > session_minutes) {
        errors.push_back({"minutes", "must be from 1 to the session's length in minutes"});
      }
      break;
    case Status::Late:
      if (!mark.minutes) {
        errors.push_back({"minutes", "is required when late"});
      } else {
        r.minutes = *mark.minutes;
        if (r.minutes < 1 || r.minutes > session_minutes) {
          errors.push_back({"minutes", "must be from 1 to the session's length in minutes"});
        }
      }
      break;
    case Status::Excused:
    case Status::Absent:
      if (mark.minutes.value_or(0) != 0)
        errors.push_back({"minutes", "must be 0 or omitted when excused or absent"});
      break;
  }
  if (errors.size() != before) return std::nullopt;
  return r;
}

Decision decide(const std::optional<Record>& current, const MarkCommand& command,
                const Actor& actor, const Context& context) {
  if (!may_record(actor, context.session)) return not_session_trainer();
  if (auto refused = check_expected(context)) return std::move(*refused);
  std::vector<json::FieldError> errors;
  const auto resolved = resolve(command.mark, context.session_minutes, errors);
  if (!resolved)
    return Refused{Refusal::MinutesDoNotFit, "the mark does not fit the session",
                   std::move(errors)};
  if (current && same({current->status, current->minutes}, *resolved)) return Unchanged{*current};
  const auto& reason = command.mark.reason;
  const bool has_reason = reason && reason->find_first_not_of(" \t\r\n") != std::string::npos;
  if (current && !has_reason) {
    return Refused{Refusal::ReasonRequired,
                   "a change to an existing mark needs a reason",
                   {{"reason", "is required when a mark is changed"}}};
  }

  Record next{current ? current->id : command.id_if_new,
              actor.federation,
              command.session,
              command.participant,
              resolved->status,
              resolved->minutes,
              current ? current->revision + 1 : 1,
              actor.subject,
              command.now,
              command.mark.source,
              has_reason ? reason : std::nullopt,
              command.mark.source == Source::Import ? command.mark.import : std::nullopt};
  AttendanceRecorded event{next, context.session.cohort, context.session.module};
  return Recorded{std::move(next), std::move(event), !current};
}

}  // namespace samverkan::attendance
