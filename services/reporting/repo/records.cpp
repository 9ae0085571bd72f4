#include "records.hpp"

#include <samverkan/db/nullable.hpp>

namespace samverkan::reporting::repo {

namespace {

constexpr const char* kKnownCohort =
    "(EXISTS (SELECT 1 FROM cohorts WHERE federation_id = $1 AND id = $2::uuid)"
    " OR EXISTS (SELECT 1 FROM enrolments WHERE federation_id = $1 AND cohort_id = $2::uuid))";

// $1 federation, $2 cohort, $3 organisation, $4 month, $5 module, $6 session, $7 participant,
// $8 status, $9 include cancelled, $10 cursor ('' for the first page), $11 limit.
// Part 0 is one row: whether the cohort is known, and the totals of every matching record in the
// columns a tally reads; part 1 is the page. One statement, so the page and its totals are one
// snapshot. `matched` keeps only what the totals and the page's order need; the shown columns
// are read for the page's rows alone (a whole cohort can hold millions of records).
const std::string kRecordsSql =
    std::string(
        "WITH matched AS MATERIALIZED ("
        " SELECT a.record_id, a.status, a.minutes"
        " FROM attendance a"
        " JOIN participants p ON p.id = a.participant_id AND p.federation_id = a.federation_id"
        " LEFT JOIN sessions s ON s.id = a.session_id AND s.federation_id = a.federation_id"
        " WHERE a.federation_id = $1 AND a.cohort_id = $2::uuid"
        "  AND ($3::uuid IS NULL OR p.organisation_id = $3::uuid)"
        "  AND ($4::text IS NULL OR to_char(s.starts_at AT TIME ZONE COALESCE(s.time_zone, "
        "'UTC'), 'YYYY-MM') = $4::text)"
        "  AND ($5::uuid IS NULL OR a.module_id = $5::uuid)"
        "  AND ($6::uuid IS NULL OR a.session_id = $6::uuid)"
        "  AND ($7::uuid IS NULL OR a.participant_id = $7::uuid)"
        "  AND ($8::text IS NULL OR a.status = $8::text)"
        // A session reporting has not heard of yet counts, as in the totals.
        "  AND ($9::boolean OR s.status IS NULL OR s.status <> 'cancelled')),"
        " page AS (SELECT record_id FROM matched WHERE NULLIF($10::text, '') IS NULL"
        "  OR record_id > NULLIF($10::text, '')::uuid"
        "  ORDER BY record_id LIMIT $11)"
        " SELECT 0 AS part, NULL::uuid AS record_id, NULL::text, NULL::text, NULL::text,"
        "  NULL::text, NULL::text, NULL::text, NULL::text, 0::bigint, 0::bigint, NULL::text,"
        "  NULL::text, NULL::text, NULL::boolean, NULL::text, ") +
    kKnownCohort +
    ", t.present, t.late, t.excused, t.absent, t.other, t.minutes"
    " FROM (SELECT count(*) FILTER (WHERE status = 'present') AS present,"
    "   count(*) FILTER (WHERE status = 'late') AS late,"
    "   count(*) FILTER (WHERE status = 'excused') AS excused,"
    "   count(*) FILTER (WHERE status = 'absent') AS absent,"
    "   count(*) FILTER (WHERE status NOT IN ('present', 'late', 'excused', 'absent')) AS other,"
    "   COALESCE(sum(minutes), 0)::bigint AS minutes FROM matched) t"
    " UNION ALL SELECT 1, a.record_id, a.session_id::text, a.participant_id::text,"
    "  p.organisation_id::text, a.module_id::text,"
    "  to_char(s.starts_at AT TIME ZONE COALESCE(s.time_zone, 'UTC'), 'YYYY-MM-DD'), s.status,"
    "  a.status, a.minutes::bigint, a.revision::bigint, a.source, a.import_id::text,"
    "  a.file_sha256, a.reason_given,"
    "  to_char(a.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'),"
    "  NULL, NULL, NULL, NULL, NULL, NULL, NULL"
    " FROM page JOIN attendance a ON a.record_id = page.record_id"
    " JOIN participants p ON p.id = a.participant_id AND p.federation_id = a.federation_id"
    " LEFT JOIN sessions s ON s.id = a.session_id AND s.federation_id = a.federation_id"
    " ORDER BY 1, 2";

std::optional<std::string> text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

}  // namespace

std::optional<RecordsPage> read_records(pqxx::transaction_base& tx, const std::string& federation,
                                        const std::string& cohort_id, const RecordFilter& filter,
                                        const std::string& after, long limit) {
  const auto rows =
      tx.exec_params(kRecordsSql, federation, cohort_id, db::nullable(filter.organisation_id),
                     db::nullable(filter.month), db::nullable(filter.module_id),
                     db::nullable(filter.session_id), db::nullable(filter.participant_id),
                     db::nullable(filter.status), filter.include_cancelled, after, limit);
  const auto& head = rows.at(0);
  if (!head[16].as<bool>()) return std::nullopt;
  RecordsPage page;
  const auto n = [&](int i) { return head[17 + i].as<std::int64_t>(); };
  page.totals = {n(0), n(1), n(2), n(3), n(4), n(5)};
  for (auto row = rows.begin() + 1; row != rows.end(); ++row) {
    const auto& r = *row;
    RecordListing item;
    item.record_id = r[1].as<std::string>();  // ordered as a uuid, read as its text
    item.session_id = r[2].as<std::string>();
    item.participant_id = r[3].as<std::string>();
    item.organisation_id = r[4].as<std::string>();
    item.module_id = text(r[5]);
    item.date = text(r[6]);
    item.session_status = text(r[7]);
    item.status = r[8].as<std::string>();
    item.minutes = r[9].as<std::int64_t>();
    item.revision = r[10].as<std::int64_t>();
    item.source = text(r[11]);
    item.import_id = text(r[12]);
    item.file_sha256 = text(r[13]);
    if (!r[14].is_null()) item.reason_given = r[14].as<bool>();
    item.recorded_at = text(r[15]);
    page.items.push_back(std::move(item));
  }
  return page;
}

std::optional<std::vector<CompletionListing>> read_completion_list(
    pqxx::transaction_base& tx, const std::string& federation, const std::string& cohort_id,
    const std::optional<std::string>& organisation_id, bool complete, const std::string& after,
    long limit) {
  const auto rows = tx.exec_params(
      std::string("SELECT 0 AS part, NULL::text, NULL::text, NULL::boolean, NULL::text, ") +
          kKnownCohort +
          " UNION ALL (SELECT 1, pc.participant_id::text, p.organisation_id::text, pc.complete,"
          "  pc.completed_on::text, NULL FROM participant_completions pc"
          "  JOIN participants p ON p.id = pc.participant_id AND p.federation_id = "
          "pc.federation_id"
          "  WHERE pc.federation_id = $1 AND pc.cohort_id = $2::uuid AND pc.complete = $4"
          "   AND ($3::uuid IS NULL OR p.organisation_id = $3::uuid)"
          "   AND (NULLIF($5::text, '') IS NULL"
          "    OR pc.participant_id > NULLIF($5::text, '')::uuid)"
          "  ORDER BY pc.participant_id LIMIT $6)"
          " ORDER BY 1, 2",
      federation, cohort_id, db::nullable(organisation_id), complete, after, limit);
  if (!rows.at(0)[5].as<bool>()) return std::nullopt;
  std::vector<CompletionListing> out;
  for (auto row = rows.begin() + 1; row != rows.end(); ++row) {
    const auto& r = *row;
    out.push_back({r[1].as<std::string>(), r[2].as<std::string>(), r[3].as<bool>(), text(r[4])});
  }
  return out;
}

}  // namespace samverkan::reporting::repo
