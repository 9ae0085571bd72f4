#pragma once
// The completion funnel of a cohort: how many got a seat, started, completed the mandatory
// modules, and completed the programme. Each step counts participants of the one before it, so
// the numbers never grow down the funnel. Pure: the caller gives each participant's marks.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "completion.hpp"

namespace samverkan::reporting {

struct Funnel {
  std::int64_t enrolled = 0, started = 0, mandatory_complete = 0, complete = 0;
  bool rule = false;  // without a completion rule the last two steps are not measured (0)
};

struct FunnelPlan {
  CompletionRule rule;
  std::vector<PlannedModule> modules;
  std::vector<PlannedSession> sessions;
};

// marks: every participant with a seat (approved, or withdrawn after one), with their marks.
// Started: at least one session attended (present or late). Mandatory complete: every mandatory
// module complete under the rule (a programme with none counts everyone who started).
Funnel count_funnel(const std::optional<FunnelPlan>& plan,
                    const std::map<std::string, std::vector<Mark>>& marks);

}  // namespace samverkan::reporting
