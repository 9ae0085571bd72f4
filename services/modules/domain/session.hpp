#pragma once
// Sessions: scheduled for a cohort, then rescheduled or cancelled. Each decision takes the current
// state (or the parent, for scheduling) and returns the next state and its event, or the rule the
// command breaks. Free of HTTP, SQL and Kafka.
#include <functional>
#include <optional>
#include <set>
#include <string>

#include "decision.hpp"
#include "events.hpp"

namespace samverkan::modules {

// The IANA time zone names the database can convert with (loaded once, see repo/time_zones.hpp).
using TimeZoneNames = std::set<std::string, std::less<>>;

struct NewSession {
  std::optional<std::string> module_id;  // none: a conference or other programme-wide session
  std::string kind;                      // lecture, workshop, seminar, conference, self_study
  std::string title;
  std::string starts_at;  // RFC 3339 with offset
  std::string ends_at;
  std::string time_zone;  // IANA name, default Europe/Stockholm
  std::string delivery;   // online, on_site, hybrid
  std::optional<std::string> location;
};

struct Reschedule {
  std::string starts_at;  // RFC 3339 with offset
  std::string ends_at;
  std::string reason;  // for the record; never in the event
};

struct Cancel {
  std::string reason;
};

// The whole set of trainers of a session (token subjects), replacing the previous set.
struct AssignTrainers {
  std::vector<std::string> trainer_subjects;
  std::vector<std::pair<std::string, std::string>> names;  // (subject, display name), optional
};
inline constexpr std::size_t kMaxTrainers = 20;
inline constexpr std::size_t kMaxSubjectLength = 200;
inline constexpr std::size_t kMaxTrainerNameLength = 200;

// Errors, in this order: Invalid (kind, delivery, location, times or the zone's spelling),
// NotFound (no such cohort in the actor's federation), Unprocessable (module is not of the
// cohort's programme, or the time zone is unknown). module is the stored module named by
// command.module_id, if any.
Result<Decision<Session, SessionScheduled>> schedule_session(const std::optional<Cohort>& cohort,
                                                             const std::optional<Module>& module,
                                                             const NewSession& command,
                                                             const TimeZoneNames& zones,
                                                             const Actor& actor,
                                                             const Context& context);

// Errors: NotFound (another federation's session), Invalid (times), Conflict (cancelled).
// The same times again change nothing: the current state and no event.
Result<Decision<Session, SessionChanged>> reschedule_session(const Session& current,
                                                             const Reschedule& command,
                                                             const Actor& actor,
                                                             const Context& context);

// Errors: NotFound (another federation's session), Conflict (already cancelled).
Result<Decision<Session, SessionChanged>> cancel_session(const Session& current,
                                                         const Cancel& command, const Actor& actor,
                                                         const Context& context);

// Errors: NotFound (another federation's session), Invalid (more than kMaxTrainers, a blank
// subject, one longer than kMaxSubjectLength or with control characters; a name that is blank,
// longer than kMaxTrainerNameLength or with control characters, that names a subject not in the
// set, or two names for one subject), Conflict (cancelled).
// Order and repeats do not matter: the set is stored sorted and unique, and the same set with the
// same names again changes nothing. An empty set leaves marking to federation administrators.
Result<Decision<Session, SessionChanged>> assign_trainers(const Session& current,
                                                          const AssignTrainers& command,
                                                          const Actor& actor,
                                                          const Context& context);

}  // namespace samverkan::modules
