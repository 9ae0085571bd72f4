// Reading and verifying the audit chain.
#include <boost/json/parse.hpp>
#include <samverkan/writepath/audit_log.hpp>

namespace samverkan::writepath {

namespace {

constexpr const char* kTime =
    "to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

std::optional<std::int64_t> optional_int(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::int64_t>();
}

}  // namespace

boost::json::array read_audit(pqxx::work& tx, std::string_view federation, const AuditQuery& q) {
  const std::string sql =
      std::string("SELECT json_build_object('seq', seq, 'recorded_at', ") + kTime +
      ", 'subject', subject, 'roles', string_to_array(roles, ','),"
      " 'federation_id', federation_id, 'action', action, 'entity_type', entity_type,"
      " 'entity_id', entity_id, 'version_before', version_before,"
      " 'version_after', version_after, 'reason', reason, 'request_id', request_id,"
      " 'hash', hash)::text"
      " FROM audit_log WHERE federation_id = $1 AND seq > $2"
      " AND ($3::text IS NULL OR entity_type = $3) AND ($4::text IS NULL OR entity_id = $4)"
      " ORDER BY seq LIMIT $5";
  const auto rows = tx.exec_params(sql, std::string(federation), q.after,
                                   q.entity_type ? q.entity_type->c_str() : nullptr,
                                   q.entity_id ? q.entity_id->c_str() : nullptr, q.limit);
  boost::json::array items;
  items.reserve(rows.size());
  for (const auto& row : rows) items.push_back(boost::json::parse(row[0].c_str()));
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
    const auto rows = tx.exec_params(std::string("SELECT seq, ") + kTime +
                                         ", subject, roles, action, entity_type, entity_id, "
                                         "version_before, version_after, reason,"
                                         " request_id, hash FROM audit_log WHERE federation_id = "
                                         "$1 AND seq > $2 ORDER BY seq LIMIT $3",
                                     fed, after, kBatch);
    for (const auto& row : rows) {
      ++result.entries;
      AuditRecord r{
          row[0].as<std::int64_t>(),
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
  result.ok = !result.first_broken;
  return result;
}

}  // namespace samverkan::writepath
