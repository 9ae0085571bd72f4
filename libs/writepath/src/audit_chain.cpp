// Appending to the audit chain. The chain head row is the only point every writer of a federation
// shares, so it is taken last: the caller's own statements have run, and the lock is held only for
// these few statements and the commit. Two transactions that append concurrently are serialised
// on it, so sequence numbers stay contiguous and each entry hashes its true predecessor.
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <samverkan/db/nullable.hpp>
#include <samverkan/writepath/audit_log.hpp>

#include "sha256.hpp"

namespace samverkan::writepath {

namespace {

boost::json::value or_null(const std::optional<std::int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

std::optional<std::string> as_text(const std::optional<std::int64_t>& v) {
  return v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt;
}

std::string joined(const std::vector<std::string>& roles) {
  std::string out;
  for (const auto& role : roles) out += (out.empty() ? "" : ",") + role;
  return out;
}

}  // namespace

std::string canonical_form(std::string_view service, std::string_view federation,
                           const AuditRecord& r) {
  boost::json::array form{"samverkan.audit.v1",
                          boost::json::string_view(service.data(), service.size()),
                          boost::json::string_view(federation.data(), federation.size()),
                          r.seq,
                          r.recorded_at,
                          r.subject,
                          r.roles,
                          r.action,
                          r.entity_type,
                          r.entity_id,
                          or_null(r.version_before),
                          or_null(r.version_after),
                          r.reason ? boost::json::value(*r.reason) : boost::json::value(nullptr),
                          r.request_id};
  return boost::json::serialize(form);
}

std::string chain_hash(std::string_view previous_hex, std::string_view canonical) {
  const std::string previous =
      previous_hex.empty() ? std::string(32, '\0') : detail::from_hex(previous_hex);
  return detail::to_hex(detail::sha256({previous, canonical}));
}

void append_audit(pqxx::work& tx, std::string_view service, const Actor& actor,
                  const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return;
  // Lock the head and read the entry time under the lock (so times rise with seq). The head is
  // created by the federation's first entry in this schema; SELECT ... FOR UPDATE writes no new row
  // version, which an upsert would on every write.
  const std::string lock =
      "SELECT last_seq, last_hash,"
      " to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
      " FROM audit_chain_heads WHERE federation_id = $1 FOR UPDATE";
  pqxx::result head = tx.exec_params(lock, actor.federation);
  if (head.empty()) {
    tx.exec_params(
        "INSERT INTO audit_chain_heads (federation_id, last_seq, last_hash) VALUES ($1, 0, '')"
        " ON CONFLICT (federation_id) DO NOTHING",
        actor.federation);
    head = tx.exec_params(lock, actor.federation);
  }
  std::int64_t seq = head[0][0].as<std::int64_t>();
  std::string hash = head[0][1].as<std::string>();
  const std::string recorded_at = head[0][2].as<std::string>();
  const std::string roles = joined(actor.roles);
  // The entries and the new head go in one more statement: $1 federation, $2 last seq, $3 last
  // hash, then 12 values per entry.
  constexpr int kColumns = 12;
  std::vector<std::optional<std::string>> values;
  values.reserve(entries.size() * kColumns);
  std::string rows;
  for (const auto& entry : entries) {
    AuditRecord record{++seq,
                       recorded_at,
                       actor.subject,
                       roles,
                       entry.action,
                       entry.entity_type,
                       entry.entity_id,
                       entry.version_before,
                       entry.version_after,
                       entry.reason.text(),
                       actor.request_id};
    hash = chain_hash(hash, canonical_form(service, actor.federation, record));
    const int p = 4 + static_cast<int>(values.size());
    auto at = [p](int i) { return "$" + std::to_string(p + i); };
    rows += std::string(rows.empty() ? "" : ", ") + "($1, " + at(0) + "::bigint, " + at(1) +
            "::timestamptz, " + at(2) + ", " + at(3) + ", " + at(4) + ", " + at(5) + ", " + at(6) +
            ", " + at(7) + "::bigint, " + at(8) + "::bigint, " + at(9) + ", " + at(10) + ", " +
            at(11) + ")";
    for (auto& v :
         {std::optional<std::string>(std::to_string(record.seq)),
          std::optional<std::string>(recorded_at), std::optional<std::string>(record.subject),
          std::optional<std::string>(record.roles), std::optional<std::string>(record.action),
          std::optional<std::string>(record.entity_type),
          std::optional<std::string>(record.entity_id), as_text(record.version_before),
          as_text(record.version_after), record.reason,
          std::optional<std::string>(record.request_id), std::optional<std::string>(hash)}) {
      values.push_back(v);
    }
  }
  std::vector<const char*> params;
  params.reserve(values.size());
  for (const auto& v : values) params.push_back(db::nullable(v));
  tx.exec_params(
      "WITH written AS (INSERT INTO audit_log (federation_id, seq, recorded_at, subject, roles, "
      "action,"
      " entity_type, entity_id, version_before, version_after, reason, request_id, hash) VALUES " +
          rows +
          ") UPDATE audit_chain_heads SET last_seq = $2::bigint, last_hash = $3 WHERE "
          "federation_id = $1",
      actor.federation, seq, hash, pqxx::prepare::make_dynamic_params(params));
}

}  // namespace samverkan::writepath
