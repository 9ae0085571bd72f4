// The sealer: gives pending audit entries their seq and hash, off the writers' critical path.
// Its invariants:
// - Seq and hash are assigned only here, under the federation's chain head lock, by appending
//   after the head: the chain is contiguous by construction, whatever order rows arrive in. A
//   row committed after a round is simply appended by a later round.
// - A round seals only committed rows: it reads with READ COMMITTED, so rows of an open
//   transaction are invisible until it commits, and a rolled-back transaction's rows never exist.
//   The bound is the xmax of a snapshot taken at the start of the round, so each round works on a
//   fixed set: rows of transactions that start during the round wait for the next one.
// - The bound does not wait for older open transactions (an xmin bound would: it is cluster-wide,
//   so any long transaction of any service would stall every chain). The price is that the chain
//   order is commit-visibility order, not xid order; verification needs only the chain itself.
// - Per federation, the chain head is locked (SELECT ... FOR UPDATE) before the pending rows are
//   read, and rows, hashes and head change in the same transaction. Two sealers of one schema
//   therefore serialise on the head, and the second reads only rows the first left unsealed (READ
//   COMMITTED re-reads after the lock): sealing twice, or concurrently, assigns each row once and
//   keeps seq contiguous. A transaction-scoped advisory lock per schema keeps a second sealer (a
//   second replica) from doing that work at all: it waits, then finds nothing left.
// - Only sealers lock chain heads, so a writer never waits for one; a sealer waits for nothing but
//   another sealer.
// - A failed round rolls back whole; the rows stay pending and the next round seals them.
#include <boost/json/serialize.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <samverkan/db/errors.hpp>
#include <samverkan/log/log.hpp>
#include <samverkan/writepath/audit_log.hpp>

#include "audit_row.hpp"

namespace samverkan::writepath {

namespace {

// The advisory lock's first key: "audit seal" in ASCII; the second is the schema's hash.
constexpr int kSealLockClass = 0x61736c;
// Rows sealed per statement round trip; a federation with more is sealed in several batches.
constexpr long kBatch = 1000;

// Locks the federation's head (creating it for the first entry); returns last seq and hash.
std::pair<std::int64_t, std::string> lock_head(pqxx::work& tx, const std::string& federation) {
  const char* lock =
      "SELECT last_seq, last_hash FROM audit_chain_heads WHERE federation_id = $1 FOR UPDATE";
  pqxx::result head = tx.exec_params(lock, federation);
  if (head.empty()) {
    tx.exec_params(
        "INSERT INTO audit_chain_heads (federation_id, last_seq, last_hash) VALUES ($1, 0, '')"
        " ON CONFLICT (federation_id) DO NOTHING",
        federation);
    head = tx.exec_params(lock, federation);
  }
  return {head[0][0].as<std::int64_t>(), head[0][1].as<std::string>()};
}

std::size_t seal_federation(pqxx::work& tx, std::string_view service, const std::string& federation,
                            const std::string& bound) {
  auto [seq, hash] = lock_head(tx, federation);
  std::size_t sealed = 0;
  for (;;) {
    const auto rows = tx.exec_params(
        "SELECT id, " + detail::kRecordColumns +
            " FROM audit_log WHERE federation_id = $1 AND seq IS NULL AND xid < $2::xid8"
            " ORDER BY xid, id LIMIT $3 FOR UPDATE",
        federation, bound, kBatch);
    if (rows.empty()) break;
    std::string ids = "{", seqs = "{", hashes = "{";
    for (const auto& row : rows) {
      const AuditRecord record = detail::record_from_row(row, ++seq);
      hash = chain_hash(hash, canonical_form(service, federation, record));
      const char* sep = ids.size() > 1 ? "," : "";
      ids += sep + row[0].as<std::string>();
      seqs += sep + std::to_string(seq);
      hashes += sep + hash;  // hex: needs no quoting in an array literal
    }
    ids += '}', seqs += '}', hashes += '}';
    tx.exec_params(
        "WITH sealed AS (UPDATE audit_log a SET seq = u.seq, hash = u.hash"
        " FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(id, seq, hash)"
        " WHERE a.id = u.id)"
        " UPDATE audit_chain_heads SET last_seq = $4::bigint, last_hash = $5 WHERE federation_id = "
        "$6",
        ids, seqs, hashes, seq, hash, federation);
    sealed += rows.size();
    if (static_cast<long>(rows.size()) < kBatch) break;
  }
  return sealed;
}

}  // namespace

std::size_t seal_pending(pqxx::work& tx, std::string_view service) {
  tx.exec_params("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", kSealLockClass);
  // Taken after the advisory lock, so a sealer that waited sees what the other one sealed.
  const auto bound =
      tx.exec("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")[0][0].as<std::string>();
  const auto federations = tx.exec_params(
      "SELECT DISTINCT federation_id FROM audit_log WHERE seq IS NULL AND xid < $1::xid8"
      " ORDER BY federation_id",  // one order for every sealer, so head locks cannot deadlock
      bound);
  std::size_t sealed = 0;
  for (const auto& row : federations)
    sealed += seal_federation(tx, service, row[0].as<std::string>(), bound);
  return sealed;
}

std::size_t seal_pending(db::Pool& pool, std::string_view service) {
  return pool.transact([&](pqxx::work& tx) { return seal_pending(tx, service); });
}

AuditSealer::AuditSealer(db::Pool& pool, std::string service, std::chrono::milliseconds interval)
    : pool_(pool), service_(std::move(service)), interval_(interval) {}

void AuditSealer::run(const std::stop_token& stop) {
  std::mutex mutex;
  std::condition_variable_any wake;
  while (!stop.stop_requested()) {
    try {
      seal_pending(pool_, service_);
    } catch (const std::exception& e) {
      // The rows stay pending; verification reports them as such until a round succeeds.
      log::warn("audit sealing failed; retrying", {{"error", db::safe_description(e)}});
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, interval_, [] { return false; });
  }
}

}  // namespace samverkan::writepath
