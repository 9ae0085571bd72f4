#pragma once
// The audit chain of one service schema: append (by the write path), read and verify (by the
// /v1/audit routes). Each entry's hash = SHA-256(previous hash || canonical form of the entry);
// the first entry's previous hash is 32 zero bytes. The chain head (last seq and hash) is kept
// separately, so deleting the newest entries is detected as well as edits and gaps.
//
// Entries are written unsealed (no seq, no hash) inside the write's transaction, without any
// shared lock; the sealer (seal_pending, run by AuditSealer in each service) chains them shortly
// after they commit. See audit_seal.cpp for its invariants and ADR 0026 for the tamper window.
#include <boost/json/array.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/db/pool.hpp>
#include <samverkan/writepath/unit_of_work.hpp>
#include <stop_token>
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

// Inserts the entries unsealed, in the caller's transaction; takes no lock shared with other
// writers. Does nothing for no entries.
void append_audit(pqxx::work& tx, const Actor& actor, const std::vector<AuditEntry>& entries);

// Seals the pending entries of every federation in this schema whose transactions have ended (see
// audit_seal.cpp); returns how many. Safe to run twice or concurrently. The tx form runs in the
// caller's READ COMMITTED transaction (sealing is visible when it commits); the pool form in its
// own. Tests call it explicitly before verifying.
std::size_t seal_pending(pqxx::work& tx, std::string_view service);
std::size_t seal_pending(db::Pool& pool, std::string_view service);

// Runs seal_pending every `interval` until stopped; a failed round is logged and retried on the
// next one.
class AuditSealer {
 public:
  AuditSealer(db::Pool& pool, std::string service, std::chrono::milliseconds interval);
  void run(const std::stop_token& stop);

 private:
  db::Pool& pool_;
  std::string service_;
  std::chrono::milliseconds interval_;
};

// Sealed entries come in seq order ("sealed": true), paged by seq. A page with room left (the last
// one) ends with the pending entries, oldest first, with "seq" and "hash" null and "sealed": false;
// they reappear with their seq once sealed.
struct AuditQuery {
  std::int64_t after = 0;  // seq of the last sealed entry of the previous page
  long limit = 100;
  std::optional<std::string> entity_type, entity_id;
};
// The federation's entries in seq order, as API objects (ids only).
boost::json::array read_audit(pqxx::work& tx, std::string_view federation, const AuditQuery& query);

struct Verification {
  bool ok = true;
  std::int64_t entries = 0;  // sealed entries present in the chain
  std::int64_t pending = 0;  // entries not sealed yet (not part of the check)
  std::optional<std::int64_t>
      first_broken;  // first seq that is altered, missing or unaccounted for
};
// Recomputes the federation's sealed chain and compares it with its head; counts pending entries.
// Call in a REPEATABLE READ transaction, so the entries and the head are one snapshot.
Verification verify_audit(pqxx::work& tx, std::string_view service, std::string_view federation);

}  // namespace samverkan::writepath
