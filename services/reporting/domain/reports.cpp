#include "reports.hpp"

#include <map>

namespace samverkan::reporting {

bool shown_in_summary(const OrganisationTotals& row) {
  return row.enrolments.enrolled > 0 || row.attendance.records() > 0;
}

CohortSummary summarise_cohort(std::string cohort_id, std::optional<std::string> name,
                               SessionCounts sessions, std::vector<OrganisationTotals> rows) {
  CohortSummary summary{std::move(cohort_id), std::move(name), sessions, {}, {}, {}};
  for (auto& row : rows) {
    if (!shown_in_summary(row)) continue;
    summary.enrolments += row.enrolments;
    summary.attendance += row.attendance;
    summary.completed += row.completed;
    summary.organisations.push_back(std::move(row));
  }
  return summary;
}

Progress participant_progress(std::string participant_id, std::string organisation_id,
                              const std::vector<ModuleInfo>& listed,
                              const std::vector<ModuleTotals>& totals) {
  Progress progress{std::move(participant_id), std::move(organisation_id), {}, {}, {}, {}};
  std::map<std::string_view, Tally> by_module;
  for (const auto& t : totals) {
    progress.overall += t.attendance;
    if (t.module_key == kNoModule) progress.outside_modules += t.attendance;
    by_module[t.module_key] += t.attendance;
  }
  progress.modules.reserve(listed.size());
  for (const auto& module : listed) {
    const auto found = by_module.find(module.module_id);
    progress.modules.push_back({module, found == by_module.end() ? Tally{} : found->second});
  }
  return progress;
}

void add_self_study(Progress& progress, const std::vector<StudiedMinutes>& approved) {
  for (const auto& entry : approved) {
    progress.self_study_minutes += entry.minutes;
    for (auto& m : progress.modules) {
      if (m.module.module_id == entry.module_id) m.self_study_minutes += entry.minutes;
    }
  }
}

}  // namespace samverkan::reporting
