// Reading and verifying the audit chain. Verification covers the sealed entries (seq IS NOT NULL);
// pending ones are counted apart, as they carry no hash yet.
#include <boost/json/parse.hpp>
#include <samverkan/writepath/audit_log.hpp>

#include "audit_row.hpp"

namespace samverkan::writepath {

using detail::kTime;

namespace detail {

AuditRecord record_from_row(const pqxx::row& row, std::int64_t seq) {
  const auto optional_int = [](const pqxx::field& f) {
    return f.is_null() ? std::nullopt : std::optional<std::int64_t>(f.as<std::int64_t>());
  };
  return {seq,
          row[1].as<std::string>(),
          row[2].as<std::string>(),
          row[3].as<std::string>(),
          row[4].as<std::string>(),
          row[5].as<std::string>(),
          row[6].as<std::string>(),
          optional_int(row[7]),
          optional_int(row[8]),
          row[9].is_null() ? std::nullopt : std::optional<std::string>(row[9].as<std::string>()),
          row[10].as<std::string>()};
}

}  // namespace detail

boost::json::array read_audit(pqxx::work& tx, std::string_view federation, const AuditQuery& q) {
  const std::string fields =
      std::string(
          "SELECT json_build_object('seq', seq, 'sealed', seq IS NOT NULL, 'recorded_at', ") +
      kTime +
      ", 'subject', subject, 'roles', string_to_array(roles, ','),"
      " 'federation_id', federation_id, 'action', action, 'entity_type', entity_type,"
      " 'entity_id', entity_id, 'version_before', version_before,"
      " 'version_after', version_after, 'reason', reason, 'request_id', request_id,"
      " 'hash', hash)::text FROM audit_log WHERE federation_id = $1"
      " AND ($2::text IS NULL OR entity_type = $2) AND ($3::text IS NULL OR entity_id = $3)";
  const std::string fed(federation);
  const char* type = q.entity_type ? q.entity_type->c_str() : nullptr;
  const char* id = q.entity_id ? q.entity_id->c_str() : nullptr;
  boost::json::array items;
  auto add = [&items](const pqxx::result& rows) {
    for (const auto& row : rows) items.push_back(boost::json::parse(row[0].c_str()));
  };
  add(tx.exec_params(fields + " AND seq > $4 ORDER BY seq LIMIT $5", fed, type, id, q.after,
                     q.limit));
  // Pending entries only on a page with room left (the last one), after the sealed ones: a client
  // paging by seq meets each pending entry again, sealed, on a later page.
  const long room = q.limit - static_cast<long>(items.size());
  if (room > 0)
    add(tx.exec_params(fields + " AND seq IS NULL ORDER BY id LIMIT $4", fed, type, id, room));
  return items;
}

Verification verify_audit(pqxx::work& tx, std::string_view service, std::string_view federation) {
  const std::string fed(federation);
  Verification result;
  std::int64_t expected = 1;  // the next seq an intact chain has
  std::string previous;       // hash of the last intact entry ("" before the first)
  std::int64_t after = 0;
  constexpr long kBatch = 1000;
  for (;;) {
    const auto rows =
        tx.exec_params("SELECT seq, " + detail::kRecordColumns +
                           ", hash FROM audit_log WHERE federation_id = $1 AND seq > $2"
                           " ORDER BY seq LIMIT $3",
                       fed, after, kBatch);
    for (const auto& row : rows) {
      ++result.entries;
      const AuditRecord r = detail::record_from_row(row, row[0].as<std::int64_t>());
      after = r.seq;
      if (result.first_broken) continue;  // keep counting the entries present
      if (r.seq != expected) {
        result.first_broken = expected;  // a gap: the missing entry is the first broken one
        continue;
      }
      std::string stored;
      row[11].to(stored);
      if (chain_hash(previous, canonical_form(service, federation, r)) != stored) {
        result.first_broken = r.seq;
        continue;
      }
      previous = std::move(stored);
      ++expected;
    }
    if (static_cast<long>(rows.size()) < kBatch) break;
  }
  if (!result.first_broken) {
    // The head must name the last intact entry: deleted newest entries leave it ahead of them, and
    // entries added around the write path leave it behind.
    const std::int64_t last = expected - 1;
    const auto head = tx.exec_params(
        "SELECT last_seq, last_hash FROM audit_chain_heads WHERE federation_id = $1", fed);
    const std::int64_t head_seq = head.empty() ? 0 : head[0][0].as<std::int64_t>();
    const std::string head_hash = head.empty() ? std::string() : head[0][1].as<std::string>();
    if (head_seq != last) {
      result.first_broken = std::min(head_seq, last) + 1;
    } else if (head_hash != previous) {
      result.first_broken = std::max<std::int64_t>(last, 1);
    }
  }
  result.pending =
      tx.exec_params("SELECT count(*) FROM audit_log WHERE federation_id = $1 AND seq IS NULL",
                     fed)[0][0]
          .as<std::int64_t>();
  result.ok = !result.first_broken;
  return result;
}

}  // namespace samverkan::writepath
