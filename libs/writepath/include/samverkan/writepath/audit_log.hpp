#pragma once
// The audit chain of one service schema: append (by the write path), read and verify (by the
// /v1/audit routes). Each entry's hash = SHA-256(previous hash || canonical form of the entry);
// the first entry's previous hash is 32 zero bytes. The chain head (last seq and hash) is kept
// separately, so deleting the newest entries is detected as well as edits and gaps.
#include <boost/json/array.hpp>
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/writepath/unit_of_work.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::writepath {

// One stored entry, as read back for hashing.
struct AuditRecord {
  std::int64_t seq = 0;
  std::string recorded_at;  // UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ"
  std::string subject, roles, action, entity_type, entity_id;
  std::optional<std::int64_t> version_before, version_after;
  std::optional<std::string> reason;
  std::string request_id;
};

// The canonical form hashed for an entry: a JSON array of the service, the federation and every
// field of the record in a fixed order (nulls as null). Stable across releases: changing it breaks
// every stored chain.
std::string canonical_form(std::string_view service, std::string_view federation,
                           const AuditRecord& record);
// Lower-case hex SHA-256(previous || canonical), previous given as hex ("" for the first entry).
std::string chain_hash(std::string_view previous_hex, std::string_view canonical);

// Appends the entries to the federation's chain. Locks the chain head, so call it last, right
// before commit. Does nothing for no entries.
void append_audit(pqxx::work& tx, std::string_view service, const Actor& actor,
                  const std::vector<AuditEntry>& entries);

struct AuditQuery {
  std::int64_t after = 0;  // seq of the last entry of the previous page
  long limit = 100;
  std::optional<std::string> entity_type, entity_id;
};
// The federation's entries in seq order, as API objects (ids only).
boost::json::array read_audit(pqxx::work& tx, std::string_view federation, const AuditQuery& query);

struct Verification {
  bool ok = true;
  std::int64_t entries = 0;  // entries present in the chain
  std::optional<std::int64_t>
      first_broken;  // first seq that is altered, missing or unaccounted for
};
// Recomputes the federation's chain and compares it with its head. Call in a REPEATABLE READ
// transaction, so the entries and the head are one snapshot.
Verification verify_audit(pqxx::work& tx, std::string_view service, std::string_view federation);

}  // namespace samverkan::writepath
