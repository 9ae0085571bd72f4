#pragma once
// Column labels of Teams and Zoom reports, in English and Swedish, as the roles they play.
#include <string>
#include <string_view>

namespace samverkan::attendance::meeting_report {

enum class Role {
  Unknown,
  Name,
  Email,
  Join,           // join time, first join
  Leave,          // leave time, last leave
  Duration,       // of one join, or a person's in-meeting duration
  TotalDuration,  // Zoom's unique-users total
  Action,         // Teams 2020: Joined / Left / Joined before
  Timestamp,      // Teams 2020
  Guest,
  WaitingRoom,
};

// Trimmed, lower-cased (ASCII and Å Ä Ö É), inner white space collapsed, a trailing ':' dropped.
std::string normalise(std::string_view label);

// The role of a column label (normalised or not): tried as written, then without a trailing
// parenthesis such as "(Original Name)" or "(Minutes)".
Role role_of(std::string_view label);

// Teams 2020 actions.
enum class Action { Unknown, Joined, JoinedBefore, Left };
Action action_of(std::string_view text);

// "Yes", "Ja", "True", "1": the Zoom flags (guest, in waiting room).
bool yes(std::string_view text);

}  // namespace samverkan::attendance::meeting_report
