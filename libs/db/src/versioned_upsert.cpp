#include <samverkan/db/versioned_upsert.hpp>
#include <stdexcept>

namespace samverkan::db {

namespace {
// The statement depends only on the table and column names, never on values.
std::string statement_for(const VersionedRow& row) {
  std::string columns, params, updates;
  int n = 0;
  for (const auto& [name, value] : row.columns) {
    (void)value;
    ++n;
    if (n > 1) {
      columns += ", ";
      params += ", ";
    }
    columns += name;
    params += "$" + std::to_string(n);
    if (name != row.key) updates += std::string(name) + " = EXCLUDED." + std::string(name) + ", ";
  }
  ++n;
  std::string sql = "INSERT INTO " + std::string(row.table) + " (" + columns +
                    ", version) VALUES (" + params + ", $" + std::to_string(n) + ") ON CONFLICT (" +
                    std::string(row.key) + ") DO UPDATE SET " + updates +
                    "version = EXCLUDED.version WHERE " + std::string(row.table) +
                    ".version < EXCLUDED.version";
  return sql;
}
}  // namespace

bool upsert_if_newer(pqxx::work& tx, const VersionedRow& row) {
  if (row.columns.empty() || row.columns.front().first != row.key) {
    throw std::logic_error("upsert_if_newer: the key column must come first");
  }
  if (row.version < 1) throw std::logic_error("upsert_if_newer: versions start at 1");
  const std::string sql = statement_for(row);
  // libpqxx 6 binds a parameter pack, not a runtime list; a dynamic parameter list takes any
  // column count, and a null const char* binds as SQL NULL.
  std::vector<const char*> values;
  values.reserve(row.columns.size() + 1);
  for (const auto& [name, value] : row.columns) values.push_back(value ? value->c_str() : nullptr);
  const std::string version = std::to_string(row.version);
  values.push_back(version.c_str());
  const auto result = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(values));
  return result.affected_rows() > 0;
}

}  // namespace samverkan::db
