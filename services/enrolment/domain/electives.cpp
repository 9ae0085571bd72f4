#include "electives.hpp"

#include <algorithm>
#include <set>

namespace samverkan::enrolment {

namespace {
bool open_for(const Enrolment& e, const Actor& actor) {
  if (actor.may_act_for(e.organisation)) {
    return e.status != EnrolmentStatus::Rejected && e.status != EnrolmentStatus::Withdrawn;
  }
  return e.status == EnrolmentStatus::Interest || e.status == EnrolmentStatus::Pending ||
         e.status == EnrolmentStatus::Waitlisted;
}

std::string electives_wanted(const ProgrammeCatalogue& c) {
  if (c.max_electives && *c.max_electives == c.min_electives) {
    return "exactly " + std::to_string(c.min_electives);
  }
  if (!c.max_electives) return "at least " + std::to_string(c.min_electives);
  return "between " + std::to_string(c.min_electives) + " and " + std::to_string(*c.max_electives);
}
}  // namespace

Result<Transition> decide_choose_modules(const Enrolment& current, const Actor& actor,
                                         const ProgrammeCatalogue& catalogue,
                                         const std::vector<ModuleId>& chosen, Timestamp now) {
  const bool mine = actor.is_participant(current.participant);
  if (current.federation != actor.federation ||
      !(actor.may_act_for(current.organisation) || mine)) {
    return not_found("enrolment");
  }
  if (!open_for(current, actor)) {
    return conflict(actor.may_act_for(current.organisation)
                        ? "modules cannot be chosen for a " +
                              std::string(to_string(current.status)) + " enrolment"
                        : "a participant chooses modules only before the enrolment is approved");
  }
  std::set<std::string> seen;
  std::int64_t electives = 0;
  for (const auto& id : chosen) {
    if (!seen.insert(id.str()).second) {
      return invalid("module_ids", "module " + id.str() + " is named twice");
    }
    const auto it = std::find_if(catalogue.modules.begin(), catalogue.modules.end(),
                                 [&](const ProgrammeModule& m) { return m.id == id; });
    if (it == catalogue.modules.end()) {
      return invalid("module_ids", "module " + id.str() + " is not part of the cohort's programme");
    }
    if (!it->mandatory) ++electives;
  }
  if (electives < catalogue.min_electives ||
      (catalogue.max_electives && electives > *catalogue.max_electives)) {
    return invalid("module_ids", "choose " + electives_wanted(catalogue) + " electives, not " +
                                     std::to_string(electives));
  }
  std::vector<ModuleId> kept;
  for (const auto& m : catalogue.modules) {
    if (m.mandatory || seen.count(m.id.str()) > 0) kept.push_back(m.id);
  }
  Enrolment next = advanced(current, now);
  next.module_ids = std::move(kept);
  return Transition{next, EnrolmentChanged{next}, std::nullopt};
}

}  // namespace samverkan::enrolment
