#pragma once
// Which totals an attendance record belongs to, and how a change moves them: every total is the
// sum of its records' contributions, so a new state of anything a record depends on (its
// revision, its session's cancellation, its participant's organisation) changes the totals by
// (contribution after - contribution before). Free of HTTP, SQL and Kafka.
#include <compare>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "figures.hpp"

namespace samverkan::reporting {

// The module key of a record outside any module (a conference), so the key is never NULL.
inline constexpr std::string_view kNoModule = "00000000-0000-0000-0000-000000000000";

// Where a record's figures go.
struct Placement {
  std::string session_id, cohort_id, participant_id;
  std::string module_key;                      // the module id, or kNoModule
  std::optional<std::string> organisation_id;  // the participant's, once reporting knows them
  bool session_counts = true;                  // false while its session is cancelled
};

struct PlacedRecord {
  Placement at;
  Tally tally;  // tally_of(status, 1, minutes)
};

// The three totals: per participant x module (first: participant, second: module key), per
// cohort x organisation (cohort, organisation) and per session (session, its cohort).
enum class Target { ParticipantModule, CohortOrganisation, Session };
struct TotalKey {
  Target target;
  std::string first, second;
  friend auto operator<=>(const TotalKey&, const TotalKey&) = default;
};
using Adjustments = std::map<TotalKey, Tally>;

// Adds (sign +1) or removes (-1) one record's contribution: always to its session; to its
// participant x module and, once the organisation is known, its cohort x organisation unless its
// session is cancelled.
void add_contribution(Adjustments& into, const PlacedRecord& record, int sign);

// (after - before) for every total either touches, without the totals that do not move. nullopt:
// the record does not exist on that side.
Adjustments record_change(const std::optional<PlacedRecord>& before,
                          const std::optional<PlacedRecord>& after);

// Removes the entries whose change is zero.
void drop_zeros(Adjustments& adjustments);

}  // namespace samverkan::reporting
