// The replica of modules' programmes and modules that the choice of electives is checked against.
#include <samverkan/db/versioned_upsert.hpp>

#include "repo.hpp"

namespace samverkan::enrolment::repo {

bool store_programme(pqxx::work& tx, const ProgrammeRow& row) {
  return db::upsert_if_newer(
      tx, {"programmes",
           "id",
           {{"id", row.id.str()},
            {"federation_id", row.federation.str()},
            {"min_electives", std::to_string(row.min_electives)},
            {"max_electives", row.max_electives
                                  ? std::optional<std::string>(std::to_string(*row.max_electives))
                                  : std::nullopt},
            {"start_on_approval", row.start_on_approval ? "true" : "false"},
            {"sensitive_categories", row.sensitive_categories ? "true" : "false"}},
           row.version});
}

bool store_module(pqxx::work& tx, const ModuleRow& row) {
  return db::upsert_if_newer(tx, {"programme_modules",
                                  "id",
                                  {{"id", row.id.str()},
                                   {"federation_id", row.federation.str()},
                                   {"programme_id", row.programme.str()},
                                   {"code", row.code},
                                   {"mandatory", row.mandatory ? "true" : "false"}},
                                  row.version});
}

std::optional<ProgrammeCatalogue> find_catalogue(pqxx::work& tx, const FederationId& fed,
                                                 const CohortId& cohort) {
  const auto programme = tx.exec_params(
      "SELECT c.programme_id, p.min_electives, p.max_electives FROM cohorts c "
      "LEFT JOIN programmes p ON p.id = c.programme_id AND p.federation_id = c.federation_id "
      "WHERE c.federation_id = $1 AND c.id = $2",
      fed.str(), cohort.str());
  if (programme.empty()) return std::nullopt;
  ProgrammeCatalogue catalogue;
  const auto& r = programme[0];
  if (!r[1].is_null()) catalogue.min_electives = r[1].as<std::int64_t>();
  if (!r[2].is_null()) catalogue.max_electives = r[2].as<std::int64_t>();
  for (const auto& m :
       tx.exec_params("SELECT id, mandatory FROM programme_modules WHERE federation_id = $1 "
                      "AND programme_id = $2 ORDER BY code, id",
                      fed.str(), r[0].as<std::string>())) {
    catalogue.modules.push_back({ModuleId(m[0].as<std::string>()), m[1].as<bool>()});
  }
  return catalogue;
}

bool starts_on_approval(pqxx::work& tx, const FederationId& fed, const CohortId& cohort) {
  const auto rows = tx.exec_params(
      "SELECT p.start_on_approval FROM cohorts c JOIN programmes p ON p.id = c.programme_id "
      "WHERE c.federation_id = $1 AND c.id = $2",
      fed.str(), cohort.str());
  return !rows.empty() && rows[0][0].as<bool>();
}

}  // namespace samverkan::enrolment::repo
