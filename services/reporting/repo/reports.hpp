#pragma once
// The report reads: one statement each, reading only the totals and the rows the report lists.
// Every query filters on the caller's federation.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "../domain/reports.hpp"

namespace samverkan::reporting::repo {

// nullopt: reporting does not know the participant.
std::optional<Progress> read_progress(pqxx::transaction_base& tx, const std::string& fed,
                                      const std::string& participant_id);

// nullopt: reporting knows neither the cohort nor any enrolment in it. organisation: only that
// organisation's row (for coordinators).
std::optional<CohortSummary> read_summary(pqxx::transaction_base& tx, const std::string& fed,
                                          const std::string& cohort_id,
                                          const std::optional<std::string>& organisation);

}  // namespace samverkan::reporting::repo
