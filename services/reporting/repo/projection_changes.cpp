#include "projection_changes.hpp"

namespace samverkan::reporting::repo {

void bump_projection_changes(pqxx::work& tx, const std::string& fed) {
  tx.exec_params0(
      "INSERT INTO projection_changes (federation_id, changes) VALUES ($1, 1) "
      "ON CONFLICT (federation_id) DO UPDATE SET changes = projection_changes.changes + 1",
      fed);
}

void bump_all_projection_changes(pqxx::work& tx) {
  tx.exec0(
      "INSERT INTO projection_changes (federation_id, changes) "
      "SELECT federation_id, 1 FROM (SELECT federation_id FROM cohorts UNION "
      "SELECT federation_id FROM participants UNION SELECT federation_id FROM programmes) f "
      "ON CONFLICT (federation_id) DO UPDATE SET changes = projection_changes.changes + 1");
}

std::int64_t projection_changes(pqxx::transaction_base& tx, const std::string& fed) {
  const auto rows =
      tx.exec_params("SELECT changes FROM projection_changes WHERE federation_id = $1", fed);
  return rows.empty() ? 0 : rows[0][0].as<std::int64_t>();
}

}  // namespace samverkan::reporting::repo
