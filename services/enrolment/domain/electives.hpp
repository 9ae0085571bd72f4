#pragma once
// A participant's choice of modules: the mandatory modules always, and between min_electives and
// max_electives of the others, all from the cohort's programme (modules' catalogue, replicated).
#include <cstdint>
#include <optional>
#include <vector>

#include "decide.hpp"

namespace samverkan::enrolment {

struct ProgrammeModule {
  ModuleId id;
  bool mandatory = false;
};

// What enrolment knows of a programme's modules and its elective rule.
struct ProgrammeCatalogue {
  std::int64_t min_electives = 0;
  std::optional<std::int64_t> max_electives;  // none: any number
  std::vector<ProgrammeModule> modules;
};

// Who: the participant themself while the enrolment is not yet approved (interest, pending or
// waitlisted), or someone who may act for the organisation while it is open (404 / 409
// otherwise). A module outside the programme, a module named twice, or the wrong number of
// electives is a 422 on module_ids naming the problem. The stored choice is the mandatory modules
// plus the electives, in the catalogue's order.
Result<Transition> decide_choose_modules(const Enrolment& current, const Actor& actor,
                                         const ProgrammeCatalogue& catalogue,
                                         const std::vector<ModuleId>& chosen, Timestamp now);

}  // namespace samverkan::enrolment
