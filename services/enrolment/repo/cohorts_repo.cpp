#include <samverkan/db/versioned_upsert.hpp>

#include "repo.hpp"

namespace samverkan::enrolment::repo {

bool store_cohort(pqxx::work& tx, const CohortRow& row) {
  const auto& c = row.cohort;
  return db::upsert_if_newer(tx, {"cohorts",
                                  "id",
                                  {{"id", c.id.str()},
                                   {"federation_id", c.federation.str()},
                                   {"programme_id", row.programme.str()},
                                   {"name", row.name},
                                   {"starts_on", format_date(c.starts_on)},
                                   {"ends_on", format_date(c.ends_on)}},
                                  row.version});
}

std::optional<Cohort> find_cohort(pqxx::work& tx, const FederationId& fed, const CohortId& id) {
  const auto rows = tx.exec_params(
      "SELECT to_char(starts_on, 'YYYY-MM-DD'), to_char(ends_on, 'YYYY-MM-DD') FROM cohorts "
      "WHERE federation_id = $1 AND id = $2",
      fed.str(), id.str());
  if (rows.empty()) return std::nullopt;
  const auto starts = parse_date(rows[0][0].as<std::string>());
  const auto ends = parse_date(rows[0][1].as<std::string>());
  if (!starts || !ends) throw std::runtime_error("cohorts: a stored date does not parse");
  return Cohort{id, fed, *starts, *ends};
}

}  // namespace samverkan::enrolment::repo
