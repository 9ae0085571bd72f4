#pragma once
// Multi-row INSERT in chunks: an import writes thousands of rows in a few statements instead of
// one round trip per row. Values are text (NULL as nullopt); casts go into `row_template`.
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/db/nullable.hpp>
#include <string>
#include <vector>

namespace samverkan::enrolment::repo {

using Cells = std::vector<std::optional<std::string>>;

// `head` is "INSERT INTO t (a, b, ...)"; each row has `casts.size()` cells, and casts[i] is the
// SQL cast appended to the i-th placeholder ("" for none, "::uuid", ...).
inline void insert_rows(pqxx::work& tx, const std::string& head,
                        const std::vector<std::string>& casts, const std::vector<Cells>& rows) {
  // PostgreSQL takes at most 65535 parameters per statement.
  const std::size_t per_statement = 60000 / casts.size();
  for (std::size_t start = 0; start < rows.size(); start += per_statement) {
    const std::size_t end = std::min(rows.size(), start + per_statement);
    std::string sql = head + " VALUES ";
    std::vector<const char*> params;
    params.reserve((end - start) * casts.size());
    for (std::size_t r = start; r < end; ++r) {
      sql += r == start ? "(" : ", (";
      for (std::size_t c = 0; c < casts.size(); ++c) {
        params.push_back(db::nullable(rows[r][c]));
        sql += (c == 0 ? "$" : ", $") + std::to_string(params.size()) + casts[c];
      }
      sql += ")";
    }
    tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
  }
}

}  // namespace samverkan::enrolment::repo
