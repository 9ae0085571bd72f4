#include "session.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "catalogue.hpp"

namespace samverkan::modules {

namespace {
constexpr std::array kKinds = {"lecture", "workshop", "seminar", "conference", "self_study"};
constexpr std::array kDeliveries = {"online", "on_site", "hybrid"};
constexpr std::int64_t kMaxSessionSeconds = std::int64_t{24} * 3600;

template <std::size_t N>
bool one_of(const std::string& value, const std::array<const char*, N>& options) {
  for (const char* option : options) {
    if (value == option) return true;
  }
  return false;
}

struct Times {
  std::int64_t starts_at = 0;
  std::int64_t ends_at = 0;
};

// Both times carry an offset, the end follows the start, and a session lasts at most 24 hours.
std::optional<Times> read_times(const std::string& starts_at, const std::string& ends_at,
                                std::vector<json::FieldError>& errors) {
  const auto start = json::parse_rfc3339(starts_at);
  const auto end = json::parse_rfc3339(ends_at);
  if (!start) errors.push_back({"starts_at", "must be an RFC 3339 time with an offset"});
  if (!end) errors.push_back({"ends_at", "must be an RFC 3339 time with an offset"});
  if (!start || !end) return std::nullopt;
  if (*end <= *start) {
    errors.push_back({"ends_at", "must be after starts_at"});
    return std::nullopt;
  }
  if (*end - *start > kMaxSessionSeconds) {
    errors.push_back({"ends_at", "a session lasts at most 24 hours"});
    return std::nullopt;
  }
  return Times{*start, *end};
}

DomainError invalid(std::vector<json::FieldError> errors) {
  return {DomainError::Kind::Invalid, "the session breaks a rule", std::move(errors)};
}

DomainError not_found() { return {DomainError::Kind::NotFound, "session", {}}; }

DomainError cancelled() {
  return {DomainError::Kind::Conflict, "the session is cancelled and cannot change", {}};
}

// The next version of a session, with the event that carries its full state.
Decision<Session, SessionChanged> changed(Session next, const Context& context) {
  ++next.version;
  return {next, SessionChanged{next, context.now}};
}
}  // namespace

Result<Decision<Session, SessionScheduled>> schedule_session(const std::optional<Cohort>& cohort,
                                                             const std::optional<Module>& module,
                                                             const NewSession& command,
                                                             const TimeZoneNames& zones,
                                                             const Actor& actor,
                                                             const Context& context) {
  std::vector<json::FieldError> errors;
  if (!one_of(command.kind, kKinds)) {
    errors.push_back({"kind", "must be lecture, workshop, seminar, conference or self_study"});
  }
  if (!one_of(command.delivery, kDeliveries))
    errors.push_back({"delivery", "must be online, on_site or hybrid"});
  if (command.delivery != "online" && !command.location) {
    errors.push_back({"location", "is required unless online"});
  }
  const auto times = read_times(command.starts_at, command.ends_at, errors);
  if (!is_zone_name(command.time_zone)) {
    errors.push_back({"time_zone", "must be an IANA time zone"});
  }
  if (!errors.empty()) return invalid(std::move(errors));

  if (!cohort || cohort->federation != actor.federation)
    return DomainError{DomainError::Kind::NotFound, "cohort", {}};
  if (command.module_id &&
      (!module || module->id.str() != *command.module_id ||
       module->federation != actor.federation || module->programme != cohort->programme)) {
    return DomainError{DomainError::Kind::Unprocessable,
                       "the module is not part of this cohort's programme",
                       {{"module_id", "not a module of this cohort's programme"}}};
  }
  if (zones.find(command.time_zone) == zones.end()) {
    return DomainError{DomainError::Kind::Unprocessable,
                       "unknown time zone",
                       {{"time_zone", "not a known IANA time zone"}}};
  }
  Session s;
  s.id = ids::SessionId(context.new_id);
  s.federation = actor.federation;
  s.cohort = cohort->id;
  if (command.module_id) s.module = ids::ModuleId(*command.module_id);
  s.kind = command.kind;
  s.title = command.title;
  s.starts_at = times->starts_at;
  s.ends_at = times->ends_at;
  s.time_zone = command.time_zone;
  s.delivery = command.delivery;
  s.location = command.location;
  s.status = SessionStatus::Scheduled;
  s.version = 1;
  return Decision<Session, SessionScheduled>{s, SessionScheduled{s}};
}

Result<Decision<Session, SessionChanged>> reschedule_session(const Session& current,
                                                             const Reschedule& command,
                                                             const Actor& actor,
                                                             const Context& context) {
  if (current.federation != actor.federation) return not_found();
  std::vector<json::FieldError> errors;
  const auto times = read_times(command.starts_at, command.ends_at, errors);
  if (!times) return invalid(std::move(errors));
  if (current.status == SessionStatus::Cancelled) return cancelled();
  if (times->starts_at == current.starts_at && times->ends_at == current.ends_at) {
    return Decision<Session, SessionChanged>{current, std::nullopt};
  }
  Session next = current;
  next.starts_at = times->starts_at;
  next.ends_at = times->ends_at;
  return changed(std::move(next), context);
}

Result<Decision<Session, SessionChanged>> cancel_session(const Session& current,
                                                         const Cancel& command, const Actor& actor,
                                                         const Context& context) {
  if (current.federation != actor.federation) return not_found();
  if (current.status == SessionStatus::Cancelled) return cancelled();
  Session next = current;
  next.status = SessionStatus::Cancelled;
  next.cancellation_reason = command.reason;
  return changed(std::move(next), context);
}

}  // namespace samverkan::modules

namespace samverkan::modules {

namespace {
bool printable(const std::string& text) {
  return std::none_of(text.begin(), text.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}
bool readable_subject(const std::string& subject) {
  if (subject.empty() || subject.size() > kMaxSubjectLength) return false;
  return printable(subject);
}
bool readable_name(const std::string& name) {
  if (name.size() > kMaxTrainerNameLength) return false;
  if (std::all_of(name.begin(), name.end(), [](char c) { return c == ' '; })) return false;
  return printable(name);
}

// The names by subject, or the first error: every name readable, of an assigned subject, and one
// name per subject (the same name twice is one).
std::optional<json::FieldError> names_by_subject(const AssignTrainers& command,
                                                 std::map<std::string, std::string>& out) {
  for (const auto& [subject, name] : command.names) {
    if (!readable_name(name))
      return json::FieldError{"trainers", "each name must be 1 to 200 printable characters"};
    if (std::find(command.trainer_subjects.begin(), command.trainer_subjects.end(), subject) ==
        command.trainer_subjects.end())
      return json::FieldError{"trainers", "a name for a subject that is not assigned"};
    const auto [it, inserted] = out.emplace(subject, name);
    if (!inserted && it->second != name)
      return json::FieldError{"trainers", "two names for one subject"};
  }
  return std::nullopt;
}
}  // namespace

Result<Decision<Session, SessionChanged>> assign_trainers(const Session& current,
                                                          const AssignTrainers& command,
                                                          const Actor& actor,
                                                          const Context& context) {
  if (current.federation != actor.federation) return not_found();
  std::vector<json::FieldError> errors;
  if (command.trainer_subjects.size() > kMaxTrainers) {
    errors.push_back({"trainer_subjects", "at most 20 trainers per session"});
  }
  if (!std::all_of(command.trainer_subjects.begin(), command.trainer_subjects.end(),
                   readable_subject)) {
    errors.push_back(
        {"trainer_subjects", "each must be a token subject of 1 to 200 printable characters"});
  }
  std::map<std::string, std::string> names;
  if (auto error = names_by_subject(command, names)) errors.push_back(std::move(*error));
  if (!errors.empty()) return invalid(std::move(errors));
  if (current.status == SessionStatus::Cancelled) return cancelled();
  auto subjects = command.trainer_subjects;
  std::sort(subjects.begin(), subjects.end());
  subjects.erase(std::unique(subjects.begin(), subjects.end()), subjects.end());
  if (subjects == current.trainer_subjects && names == current.trainer_names) {
    return Decision<Session, SessionChanged>{current, std::nullopt};
  }
  Session next = current;
  next.trainer_subjects = std::move(subjects);
  next.trainer_names = std::move(names);
  return changed(std::move(next), context);
}

}  // namespace samverkan::modules
