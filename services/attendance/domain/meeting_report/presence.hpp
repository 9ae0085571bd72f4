#pragma once
// From a read report to the marks an import makes, as pure functions: presence is the union of a
// person's intervals clipped to the session's window; minutes become a status by the attendance
// policy; people are matched by e-mail (case-insensitive, aliases too) against those expected.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../record.hpp"
#include "report.hpp"

namespace samverkan::attendance::meeting_report {

// The programme's attendance policy: present at >= present_percent of the session's minutes, late
// above 0, absent at 0. A programme that states no policy (or is not known yet) has the default.
inline constexpr std::int64_t kDefaultPresentPercent = 75;
struct Policy {
  std::int64_t present_percent = kDefaultPresentPercent;
};
Status status_for(std::int64_t minutes, std::int64_t session_minutes, const Policy& policy);
// The policy of a session's programme: its stated percent, else the default.
Policy policy_of(std::optional<std::int64_t> present_percent);

// Seconds covered by the union of the intervals inside the window (overlaps count once).
std::int64_t seconds_within(std::vector<Interval> intervals, const Window& window);

// Attended minutes, rounded to the nearest minute and at most the window's length. Totals-only
// rows (total_seconds) count their stated time, bounded by their clipped span (or the window).
std::int64_t minutes_of(const std::vector<Interval>& intervals,
                        std::optional<std::int64_t> total_seconds, const Window& window);

// Someone expected at the session: approved in its cohort and not yet left by its day.
struct Expected {
  std::string participant_id;
  std::vector<std::string> emails;  // lower-cased: the registered address and the aliases
};

struct Matched {
  std::string participant_id;
  std::string email;  // the address that matched (the first one, if several rows did)
  std::int64_t minutes = 0;
  Status status = Status::Absent;
  std::optional<LocalSeconds> first_join;  // the earliest join in the file, unclipped
};

struct Unmatched {
  std::size_t line = 0;
  std::string name;
  std::string reason;  // "no_email" (a guest), "unknown_email", "ambiguous_email"
};

struct Plan {
  std::vector<Matched> matched;  // one per participant, in file order
  std::vector<Unmatched> unmatched;
  std::vector<std::string> expected_missing;  // expected participant ids the file does not name
};

Plan plan_import(const Report& report, const std::vector<Expected>& expected, const Window& window,
                 const Policy& policy);

}  // namespace samverkan::attendance::meeting_report
