#pragma once
// The audit columns an entry's canonical form is computed from, read the same way by the sealer
// (to chain) and by verification (to recompute), so the two cannot drift apart.
#include <pqxx/pqxx>
#include <samverkan/writepath/audit_log.hpp>

namespace samverkan::writepath::detail {

// recorded_at in the fixed text form that enters the canonical form.
inline constexpr const char* kTime =
    "to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";

// The columns after the caller's first one (seq or id), in AuditRecord's order.
inline const std::string kRecordColumns = std::string(kTime) +
                                          ", subject, roles, action, entity_type, entity_id,"
                                          " version_before, version_after, reason, request_id";

// Reads columns 1..10 of a row selected as "<first>, " + kRecordColumns.
AuditRecord record_from_row(const pqxx::row& row, std::int64_t seq);

}  // namespace samverkan::writepath::detail
