#include "completion.hpp"

#include <algorithm>
#include <map>

#include "figures.hpp"

namespace samverkan::reporting {

namespace {

bool is_self_study(const PlannedSession& s) { return s.kind == "self_study"; }
bool is_conference(const PlannedSession& s) { return !s.module_id && s.kind == "conference"; }

bool attended(const CompletionRule& rule, const Mark* mark) {
  if (mark == nullptr) return false;
  return counts_as_attended(mark->status) || (rule.excused_counts && mark->status == "excused");
}

// What one session adds to its module: 1 session, or its minutes (an excused mark that counts
// is credited with the session's planned length, as it carries no minutes).
std::int64_t credit(const CompletionRule& rule, const PlannedSession& s, const Mark* mark) {
  if (s.cancelled || !attended(rule, mark)) return 0;
  if (is_self_study(s) && !rule.self_study_counts) return 0;
  if (!rule.by_hours) return 1;
  return counts_as_attended(mark->status) ? mark->minutes : s.minutes;
}

// ceil(threshold % of total), so 80 % of 4 sessions is 4 and of 5 is 4.
std::int64_t share(std::int64_t total, std::int64_t percent) {
  return (total * percent + 99) / 100;
}

std::string plural(std::int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// What counts towards a module, day by day: each session's credit, and approved self-study
// minutes when the rule counts them and is by hours. Sessions come first on a shared day.
std::vector<std::pair<std::string, std::int64_t>> credits(
    const CompletionRule& rule, const PlannedModule& module,
    const std::vector<const PlannedSession*>& sessions,
    const std::map<std::string, const Mark*>& marks,
    const std::vector<StudiedMinutes>& self_study) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto* s : sessions) {
    const auto found = marks.find(s->session_id);
    out.emplace_back(s->date, credit(rule, *s, found == marks.end() ? nullptr : found->second));
  }
  if (rule.self_study_counts && rule.by_hours) {
    for (const auto& entry : self_study) {
      if (entry.module_id == module.module_id) out.emplace_back(entry.date, entry.minutes);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

ModuleCompletion evaluate_module(const CompletionRule& rule, const PlannedModule& module,
                                 const std::vector<const PlannedSession*>& sessions,
                                 const std::map<std::string, const Mark*>& marks,
                                 const std::vector<StudiedMinutes>& self_study) {
  ModuleCompletion out{module, false, std::nullopt, 0, 0, std::nullopt};
  std::int64_t planned = 0;
  for (const auto* s : sessions) {
    if (s->cancelled || is_self_study(*s)) continue;
    planned += rule.by_hours ? s->minutes : 1;
  }
  // By hours the module's planned hours decide; sessions' lengths stand in when none are given.
  if (rule.by_hours && module.planned_hours > 0) planned = module.planned_hours * 60;
  out.required = share(planned, rule.threshold_percent);
  for (const auto& [date, credited] : credits(rule, module, sessions, marks, self_study)) {
    out.attended += credited;
    if (!out.completed_on && out.required > 0 && out.attended >= out.required) {
      out.completed_on = date;
    }
  }
  out.complete = out.completed_on.has_value();
  if (out.required == 0) {
    out.missing = "module " + module.code + " has no sessions planned yet";
  } else if (!out.complete) {
    const auto left = out.required - out.attended;
    out.missing = rule.by_hours
                      ? hours_text(left) + " more hours of module " + module.code
                      : plural(left, "more session", "more sessions") + " of module " + module.code;
  }
  return out;
}

}  // namespace

Completion evaluate_completion(const CompletionRule& rule,
                               const std::vector<PlannedModule>& modules,
                               const std::vector<PlannedSession>& sessions,
                               const std::vector<Mark>& marks,
                               const std::vector<StudiedMinutes>& self_study) {
  std::vector<const PlannedSession*> by_date;
  by_date.reserve(sessions.size());
  for (const auto& s : sessions) by_date.push_back(&s);
  std::sort(by_date.begin(), by_date.end(), [](const auto* a, const auto* b) {
    return std::tie(a->date, a->session_id) < std::tie(b->date, b->session_id);
  });
  std::map<std::string, const Mark*> mark_of;
  for (const auto& m : marks) mark_of[m.session_id] = &m;

  Completion out;
  out.electives_required = rule.min_electives;
  out.by_hours = rule.by_hours;
  std::optional<std::string> last;  // the latest date a requirement was met
  const auto met_on = [&](const std::string& date) {
    if (!last || *last < date) last = date;
  };
  bool all_met = true;
  std::vector<std::string> elective_dates;
  for (const auto& module : modules) {
    std::vector<const PlannedSession*> own;
    for (const auto* s : by_date) {
      if (s->module_id == module.module_id) own.push_back(s);
    }
    auto m = evaluate_module(rule, module, own, mark_of, self_study);
    if (module.mandatory) {
      if (m.complete) {
        met_on(*m.completed_on);
      } else {
        all_met = false;
        out.missing.push_back(*m.missing);
      }
    } else if (m.complete) {
      elective_dates.push_back(*m.completed_on);
    }
    out.modules.push_back(std::move(m));
  }
  bool any_requirement = rule.min_electives > 0;
  for (const auto& m : out.modules) any_requirement = any_requirement || m.module.mandatory;

  if (rule.conferences_mandatory) {
    for (const auto* s : by_date) {
      if (s->cancelled || !is_conference(*s)) continue;
      any_requirement = true;
      const auto found = mark_of.find(s->session_id);
      const bool present = attended(rule, found == mark_of.end() ? nullptr : found->second);
      out.conferences.push_back({s->session_id, s->date, present});
      if (present) {
        met_on(s->date);
      } else {
        all_met = false;
        out.missing.push_back("conference " + s->date);
      }
    }
  }

  out.electives_complete = static_cast<std::int64_t>(elective_dates.size());
  if (out.electives_complete < rule.min_electives) {
    all_met = false;
    out.missing.push_back(plural(rule.min_electives - out.electives_complete,
                                 "more elective module", "more elective modules"));
  } else if (rule.min_electives > 0) {
    // The programme needed only the first K electives completed: the K-th date counts.
    std::sort(elective_dates.begin(), elective_dates.end());
    met_on(elective_dates[static_cast<std::size_t>(rule.min_electives - 1)]);
  }
  if (!any_requirement) {
    all_met = false;
    out.missing.push_back("the programme has no requirement to complete yet");
  }
  out.complete = all_met;
  if (all_met) out.completed_on = last;
  return out;
}

}  // namespace samverkan::reporting
