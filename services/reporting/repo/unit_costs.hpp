#pragma once
// A programme's unit costs per funder (the co-financing export's rates and rounding rule), and the
// confirmed months the export values. Every query filters on the caller's federation.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "../domain/cofinancing.hpp"

namespace samverkan::reporting::repo {

struct StoredUnitCosts {
  UnitCosts costs;
  std::int64_t version = 0;
};

// The programme's unit costs, by funder.
std::vector<StoredUnitCosts> read_unit_costs(pqxx::transaction_base& tx, const std::string& fed,
                                             const std::string& programme_id);
// Replaces the funder's unit costs (version + 1; 1 when new); returns the version.
std::int64_t store_unit_costs(pqxx::work& tx, const std::string& fed,
                              const std::string& programme_id, const UnitCosts& costs);

// The programme of a cohort reporting knows in this federation.
std::optional<std::string> programme_of_cohort(pqxx::transaction_base& tx, const std::string& fed,
                                               const std::string& cohort_id);

// Every participant's month of the cohort whose time statement is confirmed (the hours export's
// rows, so both files agree).
std::vector<ConfirmedMonth> confirmed_months(pqxx::work& tx, const std::string& fed,
                                             const std::string& cohort_id);

}  // namespace samverkan::reporting::repo
