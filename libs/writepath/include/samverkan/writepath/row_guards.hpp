#pragma once
// The two idioms for a rule that spans rows of one aggregate (no two approvals over capacity, no
// lost update of a session), to be called by repositories inside a UnitOfWork:
//
// 1. Lock the aggregate row first, then read and decide; concurrent writers queue on the lock:
//      auto version = writepath::lock_version(uow.tx(), "cohorts", who.federation, cohort_id);
//      if (!version) throw http::Problem::not_found("cohort");
// 2. Versioned update, when the decision was made on a version read earlier (or sent by the
// client):
//      auto r = tx.exec_params("UPDATE sessions SET starts_at = $3, version = version + 1"
//                              " WHERE id = $1 AND federation_id = $2 AND version = $4", ...);
//      writepath::require_updated(r, "session");  // 0 rows: VersionConflict, answered 409
// Table names come from code, never from input.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <string_view>

namespace samverkan::writepath {

// Another transaction changed the aggregate since it was read. WritePath answers 409.
class VersionConflict : public std::runtime_error {
 public:
  explicit VersionConflict(std::string_view entity)
      : std::runtime_error("the " + std::string(entity) +
                           " was changed meanwhile; reload it and retry") {}
};

// SELECT ... FOR UPDATE on <table> (columns id, federation_id). False when there is no such row.
bool lock_row(pqxx::work& tx, std::string_view table, std::string_view federation,
              std::string_view id);

// As lock_row, for tables with a version column: the locked row's version, nullopt when absent.
std::optional<std::int64_t> lock_version(pqxx::work& tx, std::string_view table,
                                         std::string_view federation, std::string_view id);

// Throws VersionConflict when a versioned UPDATE (... AND version = $n) matched no row.
void require_updated(const pqxx::result& update, std::string_view entity);

}  // namespace samverkan::writepath
