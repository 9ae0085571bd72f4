#include "presence.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace samverkan::attendance::meeting_report {

Status status_for(std::int64_t minutes, std::int64_t session_minutes, const Policy& policy) {
  if (minutes <= 0) return Status::Absent;
  if (minutes * 100 >= policy.present_percent * session_minutes) return Status::Present;
  return Status::Late;
}

Policy policy_of(std::optional<std::int64_t> present_percent) {
  if (!present_percent) return Policy{};
  return Policy{*present_percent};
}

std::int64_t seconds_within(std::vector<Interval> intervals, const Window& window) {
  for (auto& i : intervals) {
    i.from = std::max(i.from, window.start);
    i.to = std::min(i.to, window.end);
  }
  std::erase_if(intervals, [](const Interval& i) { return i.to <= i.from; });
  std::sort(intervals.begin(), intervals.end(),
            [](const Interval& a, const Interval& b) { return a.from < b.from; });
  std::int64_t total = 0;
  std::optional<Interval> run;
  for (const auto& i : intervals) {
    if (run && i.from <= run->to) {
      run->to = std::max(run->to, i.to);
      continue;
    }
    if (run) total += run->to - run->from;
    run = i;
  }
  if (run) total += run->to - run->from;
  return total;
}

std::int64_t minutes_of(const std::vector<Interval>& intervals,
                        std::optional<std::int64_t> total_seconds, const Window& window) {
  auto seconds = seconds_within(intervals, window);
  if (total_seconds) {
    const auto bound = intervals.empty() ? window.end - window.start : seconds;
    seconds = std::min(std::max<std::int64_t>(*total_seconds, 0), bound);
  }
  const auto session_minutes = (window.end - window.start) / 60;
  return std::min((seconds + 30) / 60, session_minutes);
}

Plan plan_import(const Report& report, const std::vector<Expected>& expected, const Window& window,
                 const Policy& policy) {
  std::map<std::string, std::vector<std::size_t>> by_email;  // address -> indexes in expected
  for (std::size_t i = 0; i < expected.size(); ++i) {
    for (const auto& e : expected[i].emails) {
      auto& owners = by_email[e];
      if (std::find(owners.begin(), owners.end(), i) == owners.end()) owners.push_back(i);
    }
  }
  // Rows of one participant (an address and an alias, two devices) are put together first.
  struct Gathered {
    std::string email;
    std::vector<Interval> intervals;
    std::optional<std::int64_t> total_seconds;
  };
  std::vector<std::size_t> order;
  std::map<std::size_t, Gathered> gathered;
  Plan plan;
  for (const auto& a : report.attendees) {
    if (!a.email) {
      plan.unmatched.push_back({a.line, a.name, "no_email"});
      continue;
    }
    const auto it = by_email.find(*a.email);
    if (it == by_email.end()) {
      plan.unmatched.push_back({a.line, a.name, "unknown_email"});
      continue;
    }
    if (it->second.size() > 1) {
      plan.unmatched.push_back({a.line, a.name, "ambiguous_email"});
      continue;
    }
    const auto who = it->second.front();
    auto [g, added] = gathered.try_emplace(who, Gathered{*a.email, {}, std::nullopt});
    if (added) order.push_back(who);
    g->second.intervals.insert(g->second.intervals.end(), a.intervals.begin(), a.intervals.end());
    if (a.total_seconds)
      g->second.total_seconds = g->second.total_seconds.value_or(0) + *a.total_seconds;
  }
  const auto session_minutes = (window.end - window.start) / 60;
  for (const auto who : order) {
    const auto& g = gathered.at(who);
    Matched m{expected[who].participant_id, g.email,
              minutes_of(g.intervals, g.total_seconds, window), Status::Absent, std::nullopt};
    m.status = status_for(m.minutes, session_minutes, policy);
    for (const auto& i : g.intervals) {
      if (!m.first_join || i.from < *m.first_join) m.first_join = i.from;
    }
    plan.matched.push_back(std::move(m));
  }
  for (std::size_t i = 0; i < expected.size(); ++i) {
    if (!gathered.contains(i)) plan.expected_missing.push_back(expected[i].participant_id);
  }
  return plan;
}

}  // namespace samverkan::attendance::meeting_report
