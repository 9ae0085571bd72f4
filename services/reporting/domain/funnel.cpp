#include "funnel.hpp"

#include <algorithm>

namespace samverkan::reporting {

Funnel count_funnel(const std::optional<FunnelPlan>& plan,
                    const std::map<std::string, std::vector<Mark>>& marks) {
  Funnel funnel;
  funnel.rule = plan.has_value();
  for (const auto& [participant, theirs] : marks) {
    ++funnel.enrolled;
    const bool started = std::any_of(theirs.begin(), theirs.end(), [](const Mark& m) {
      return m.status == "present" || m.status == "late";
    });
    if (!started) continue;
    ++funnel.started;
    if (!plan) continue;
    const auto c = evaluate_completion(plan->rule, plan->modules, plan->sessions, theirs);
    const bool mandatory = std::all_of(c.modules.begin(), c.modules.end(), [](const auto& m) {
      return !m.module.mandatory || m.complete;
    });
    if (!mandatory) continue;
    ++funnel.mandatory_complete;
    if (c.complete) ++funnel.complete;
  }
  return funnel;
}

}  // namespace samverkan::reporting
