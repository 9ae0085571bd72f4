// The audit chain's hashing and the writer's append. The writer only inserts unsealed rows: the
// chain (seq, hash, head) is built afterwards by the sealer (audit_seal.cpp), so writers of one
// federation share no row and never wait for each other's commit.
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

void append_audit(pqxx::work& tx, const Actor& actor, const std::vector<AuditEntry>& entries) {
  if (entries.empty()) return;
  // One statement, no seq and no hash: the row's id, xid and time come from column defaults, and
  // nothing shared with other writers is read or locked. $1 federation, $2 subject, $3 roles,
  // $4 request id, then 6 values per entry.
  constexpr int kColumns = 6;
  std::vector<std::optional<std::string>> values;
  values.reserve(entries.size() * kColumns);
  std::string rows;
  for (const auto& entry : entries) {
    const int p = 5 + static_cast<int>(values.size());
    auto at = [p](int i) { return "$" + std::to_string(p + i); };
    rows += std::string(rows.empty() ? "" : ", ") + "($1, $2, $3, " + at(0) + ", " + at(1) + ", " +
            at(2) + ", " + at(3) + "::bigint, " + at(4) + "::bigint, " + at(5) + ", $4)";
    for (auto& v :
         {std::optional<std::string>(entry.action), std::optional<std::string>(entry.entity_type),
          std::optional<std::string>(entry.entity_id), as_text(entry.version_before),
          as_text(entry.version_after), entry.reason.text()}) {
      values.push_back(v);
    }
  }
  std::vector<const char*> params;
  params.reserve(values.size());
  for (const auto& v : values) params.push_back(db::nullable(v));
  tx.exec_params(
      "INSERT INTO audit_log (federation_id, subject, roles, action, entity_type, entity_id,"
      " version_before, version_after, reason, request_id) VALUES " +
          rows,
      actor.federation, actor.subject, joined(actor.roles), actor.request_id,
      pqxx::prepare::make_dynamic_params(params));
}

}  // namespace samverkan::writepath
