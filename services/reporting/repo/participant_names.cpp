#include "participant_names.hpp"

#include <samverkan/db/versioned_upsert.hpp>
#include <samverkan/json/fields.hpp>

namespace samverkan::reporting::repo {

namespace {

// $1 federation, $2 the cohort's or programme's id, $3 the organisation or null (every one).
std::map<std::string, std::string> names_where(pqxx::transaction_base& tx, const char* scope,
                                               const std::string& fed, const std::string& id,
                                               const std::optional<std::string>& organisation) {
  std::map<std::string, std::string> names;
  const auto rows = tx.exec_params(
      std::string("SELECT DISTINCT n.participant_id::text, n.name FROM participant_names n "
                  "JOIN enrolments e ON e.participant_id = n.participant_id "
                  "AND e.federation_id = n.federation_id "
                  "JOIN cohorts c ON c.id = e.cohort_id AND c.federation_id = e.federation_id "
                  "LEFT JOIN participants p ON p.id = n.participant_id "
                  "AND p.federation_id = n.federation_id "
                  "WHERE n.federation_id = $1 AND ") +
          scope +
          " = $2::uuid AND ($3::uuid IS NULL OR COALESCE(p.organisation_id, e.organisation_id) "
          "= $3::uuid)",
      fed, id, organisation);
  for (const auto& row : rows) names.emplace(row[0].as<std::string>(), row[1].as<std::string>());
  return names;
}

}  // namespace

void apply_participant_name(pqxx::work& tx, const boost::json::object& e) {
  const auto* version = e.if_contains("version");
  db::upsert_if_newer(tx, {"participant_names",
                           "participant_id",
                           {{"participant_id", json::string_at(e, "participant_id")},
                            {"federation_id", json::string_at(e, "federation_id")},
                            {"name", json::string_at(e, "name")}},
                           version != nullptr && version->is_int64() ? version->as_int64() : 1});
}

std::map<std::string, std::string> names_in_cohort(pqxx::transaction_base& tx,
                                                   const std::string& fed,
                                                   const std::string& cohort_id,
                                                   const std::optional<std::string>& organisation) {
  return names_where(tx, "e.cohort_id", fed, cohort_id, organisation);
}

std::map<std::string, std::string> names_in_programme(
    pqxx::transaction_base& tx, const std::string& fed, const std::string& programme_id,
    const std::optional<std::string>& organisation) {
  return names_where(tx, "c.programme_id", fed, programme_id, organisation);
}

}  // namespace samverkan::reporting::repo
