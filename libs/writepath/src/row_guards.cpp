#include <samverkan/writepath/row_guards.hpp>

namespace samverkan::writepath {

namespace {
pqxx::result select_for_update(pqxx::work& tx, std::string_view column, std::string_view table,
                               std::string_view federation, std::string_view id) {
  return tx.exec_params("SELECT " + std::string(column) + " FROM " +
                            tx.quote_name(std::string(table)) +
                            " WHERE id = $1 AND federation_id = $2 FOR UPDATE",
                        std::string(id), std::string(federation));
}
}  // namespace

bool lock_row(pqxx::work& tx, std::string_view table, std::string_view federation,
              std::string_view id) {
  return !select_for_update(tx, "1", table, federation, id).empty();
}

std::optional<std::int64_t> lock_version(pqxx::work& tx, std::string_view table,
                                         std::string_view federation, std::string_view id) {
  const auto rows = select_for_update(tx, "version", table, federation, id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::int64_t>();
}

void require_updated(const pqxx::result& update, std::string_view entity) {
  if (update.affected_rows() == 0) throw VersionConflict(entity);
}

}  // namespace samverkan::writepath
