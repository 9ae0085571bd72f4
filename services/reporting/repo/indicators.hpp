#pragma once
// The rows the ESF+ indicators are computed from: every person with a measured enrolment in one
// of the programme's cohorts, with their organisation's type, start date and entry facts.
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "../domain/indicators.hpp"

namespace samverkan::reporting::repo {

// nullopt: reporting knows neither the programme nor any cohort of it. The start date is the
// enrolment's started_on, else the date the entry facts were frozen at, else the first session
// the participant attended in that cohort. In a transaction of its own: it turns JIT compilation
// off for it (at 100k rows PostgreSQL's estimate asks for JIT, which cost more than the query).
// The same rows handed to fn one at a time, ordered by participant id, through a server-side
// cursor, so memory stays flat at any size (feed them to an IndicatorCounter). False: unknown, as
// nullopt above.
bool for_each_indicator_person(pqxx::work& tx, const std::string& fed,
                               const std::string& programme_id,
                               const std::function<void(IndicatorPerson)>& fn);

std::optional<std::vector<IndicatorPerson>> read_indicator_people(pqxx::work& tx,
                                                                  const std::string& fed,
                                                                  const std::string& programme_id);

}  // namespace samverkan::reporting::repo
