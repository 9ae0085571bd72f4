#pragma once
// The one way a replica or projection stores another service's aggregate: apply the incoming state
// only when its version is newer than the stored one. Replays, duplicates and out-of-order
// deliveries then leave the row at the highest version seen, whatever the order, so a lifecycle
// that is not one-way (approved -> withdrawn, a session rescheduled twice) merges correctly.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::db {

struct VersionedRow {
  std::string_view table;  // e.g. "sessions": a table of the caller's own schema
  std::string_view key;    // the primary-key column, e.g. "id"
  // Every column to write, the key first. A nullopt value is SQL NULL. Values are text and take
  // the column's type, as any libpq parameter does.
  std::vector<std::pair<std::string_view, std::optional<std::string>>> columns;
  std::int64_t version = 0;  // stored in the table's "version" column
};

// True when the row was inserted or replaced; false when the stored version is the same or newer.
// Table and column names come from code, never from input.
bool upsert_if_newer(pqxx::work& tx, const VersionedRow& row);

}  // namespace samverkan::db
