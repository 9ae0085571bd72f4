#pragma once
// The per-federation projection change counter (schemas/sql/reporting/0012): what tells the
// indicator cache whether an answer it holds is still current.
#include <cstdint>
#include <pqxx/pqxx>
#include <string>

namespace samverkan::reporting::repo {

// In the projecting transaction: the count rises when it commits, never before, so a reader that
// sees the old count cannot have seen the new rows either (it reads the count first).
void bump_projection_changes(pqxx::work& tx, const std::string& fed);
// After a rebuild: every federation with projected rows counts as changed.
void bump_all_projection_changes(pqxx::work& tx);
// 0 while nothing was projected for the federation.
std::int64_t projection_changes(pqxx::transaction_base& tx, const std::string& fed);

}  // namespace samverkan::reporting::repo
