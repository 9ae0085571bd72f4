#pragma once
// Programmes, cohorts (rounds of a programme) and modules. Cohorts and modules are created once
// (version 1); a programme's rules may change, one version more each time. Free of HTTP, SQL and
// Kafka.
#include <cstdint>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <string>

#include "decision.hpp"
#include "events.hpp"

namespace samverkan::modules {

struct NewProgramme {
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> funder;
};

struct NewCohort {
  std::string name;
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;
};

struct NewModule {
  std::string code;
  std::string title;
  bool mandatory = false;
  std::int64_t planned_hours = 0;
};

// A programme always can be created: its fields' limits are the request reader's.
Decision<Programme, ProgrammeCreated> create_programme(const NewProgramme& command,
                                                       const Actor& actor, const Context& context);

// Sets a programme's rules; the same rules again change nothing (no event). Errors: NotFound (no
// such programme in the actor's federation), Unprocessable naming the field (min_electives < 0,
// max_electives below min_electives, threshold_percent outside 1..100).
Result<Decision<Programme, ProgrammeChanged>> set_programme_rules(
    const std::optional<Programme>& programme, const ProgrammeRules& rules, const Actor& actor,
    const Context& context);

// Errors: Invalid (a date is not YYYY-MM-DD, or ends_on is before starts_on), NotFound (no such
// programme in the actor's federation).
Result<Decision<Cohort, CohortCreated>> create_cohort(const std::optional<Programme>& programme,
                                                      const NewCohort& command, const Actor& actor,
                                                      const Context& context);

// Errors: NotFound (no such programme in the actor's federation).
Result<Decision<Module, ModuleCreated>> create_module(const std::optional<Programme>& programme,
                                                      const NewModule& command, const Actor& actor,
                                                      const Context& context);

// True for a real calendar date written YYYY-MM-DD.
bool is_date(const std::string& text);
// An IANA zone name's shape: letters, then "/"-separated parts of letters, digits and _+-.
bool is_zone_name(const std::string& text);

}  // namespace samverkan::modules
