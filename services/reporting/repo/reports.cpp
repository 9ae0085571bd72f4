#include "reports.hpp"

#include <samverkan/db/nullable.hpp>

#include "completions.hpp"

namespace samverkan::reporting::repo {

namespace {

// Columns n0..n5 of a row, read as present, late, excused, absent, other, minutes.
Tally tally_at(const pqxx::row& row, int first) {
  const auto n = [&](int i) { return row[first + i].as<std::int64_t>(); };
  Tally t;
  t.present = n(0);
  t.late = n(1);
  t.excused = n(2);
  t.absent = n(3);
  t.other = n(4);
  t.minutes = n(5);
  return t;
}

// Reports are prepared once per connection (libpqxx registers a definition and prepares it at its
// first use; defining it again with the same text is a no-op): planning these statements costs
// more than running them.
template <class... Params>
pqxx::result run_prepared(pqxx::transaction_base& tx, const char* name, const char* sql,
                          const Params&... params) {
  tx.conn().prepare(name, sql);
  return tx.exec_prepared(name, params...);
}

constexpr const char* kProgressSql =
    // Part 0: the participant (absent if unknown); 1: its totals per module; 2: the modules listed
    // (those of its approved cohorts' programmes and those it has attendance in), by code.
    "WITH totals AS (SELECT module_id, present, late, excused, absent, other, minutes"
    "   FROM participant_module_totals WHERE federation_id = $1 AND participant_id = $2::uuid),"
    " listed AS ("
    "  SELECT m.id, m.code, m.title, m.mandatory, m.planned_hours FROM enrolments e"
    "   JOIN cohorts c ON c.id = e.cohort_id AND c.federation_id = e.federation_id"
    "   JOIN modules m ON m.federation_id = c.federation_id AND m.programme_id = c.programme_id"
    "   WHERE e.federation_id = $1 AND e.participant_id = $2::uuid AND e.status = 'approved'"
    "  UNION SELECT m.id, m.code, m.title, m.mandatory, m.planned_hours"
    "   FROM modules m JOIN totals t ON t.module_id = m.id WHERE m.federation_id = $1)"
    " SELECT 0 AS part, organisation_id::text, NULL, NULL, NULL::boolean,"
    "   0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint"
    "  FROM participants WHERE federation_id = $1 AND id = $2::uuid"
    " UNION ALL SELECT 1, module_id::text, NULL, NULL, NULL, present, late, excused, absent,"
    "   other, minutes FROM totals"
    " UNION ALL SELECT 2, id::text, code, title, mandatory, planned_hours, 0, 0, 0, 0, 0"
    "  FROM listed"
    " ORDER BY part, 3";

// One row per stored cohort x organisation total (or one row of NULLs), each carrying the
// cohort's header columns.
constexpr const char* kSummarySql =
    "SELECT h.known, h.name, COALESCE(s.scheduled, 0), COALESCE(s.cancelled, 0),"
    "  t.organisation_id::text, COALESCE(o.name, ''), t.enrolled, t.withdrawn,"
    "  t.present, t.late, t.excused, t.absent, t.other, t.minutes, COALESCE(k.completed, 0)"
    " FROM (SELECT EXISTS (SELECT 1 FROM cohorts WHERE federation_id = $1 AND id = $2::uuid)"
    "         OR EXISTS (SELECT 1 FROM enrolments WHERE federation_id = $1"
    "                    AND cohort_id = $2::uuid) AS known,"
    "       (SELECT name FROM cohorts WHERE federation_id = $1 AND id = $2::uuid) AS name) h"
    " LEFT JOIN cohort_session_totals s ON s.federation_id = $1 AND s.cohort_id = $2::uuid"
    " LEFT JOIN cohort_organisation_totals t ON t.federation_id = $1 AND t.cohort_id = $2::uuid"
    "  AND ($3::uuid IS NULL OR t.organisation_id = $3::uuid)"
    " LEFT JOIN organisations o ON o.id = t.organisation_id AND o.federation_id = $1"
    // Completions count by the participant's current organisation, as attendance does.
    " LEFT JOIN (SELECT p.organisation_id, count(*) AS completed FROM participant_completions pc"
    "   JOIN participants p ON p.id = pc.participant_id AND p.federation_id = pc.federation_id"
    "   WHERE pc.federation_id = $1 AND pc.cohort_id = $2::uuid AND pc.complete"
    "   GROUP BY p.organisation_id) k ON k.organisation_id = t.organisation_id"
    " ORDER BY COALESCE(o.name, ''), t.organisation_id";

}  // namespace

std::optional<Progress> read_progress(pqxx::transaction_base& tx, const std::string& fed,
                                      const std::string& participant_id) {
  const auto rows = run_prepared(tx, "reporting_progress", kProgressSql, fed, participant_id);
  if (rows.empty() || rows[0][0].as<int>() != 0) return std::nullopt;
  std::vector<ModuleTotals> totals;
  std::vector<ModuleInfo> listed;
  for (const auto& row : rows) {
    switch (row[0].as<int>()) {
      case 1:
        totals.push_back({row[1].as<std::string>(), tally_at(row, 5)});
        break;
      case 2:
        listed.push_back({row[1].as<std::string>(), row[2].as<std::string>(),
                          row[3].as<std::string>(), row[4].as<bool>(), row[5].as<std::int64_t>()});
        break;
      default:
        break;
    }
  }
  auto progress =
      participant_progress(participant_id, rows[0][1].as<std::string>(), listed, totals);
  progress.completions = read_completions(tx, fed, participant_id);
  add_self_study(progress, read_approved_self_study(tx, fed, participant_id));
  return progress;
}

std::optional<CohortSummary> read_summary(pqxx::transaction_base& tx, const std::string& fed,
                                          const std::string& cohort_id,
                                          const std::optional<std::string>& organisation) {
  const auto rows = run_prepared(tx, "reporting_summary", kSummarySql, fed, cohort_id,
                                 db::nullable(organisation));
  const auto& head = rows.at(0);
  if (!head[0].as<bool>()) return std::nullopt;
  std::vector<OrganisationTotals> totals;
  for (const auto& row : rows) {
    if (row[4].is_null()) continue;
    totals.push_back({row[4].as<std::string>(),
                      row[5].as<std::string>(),
                      {row[6].as<std::int64_t>(), row[7].as<std::int64_t>()},
                      tally_at(row, 8),
                      row[14].as<std::int64_t>()});
  }
  std::optional<std::string> name;
  if (!head[1].is_null()) name = head[1].as<std::string>();
  return summarise_cohort(cohort_id, std::move(name),
                          {head[2].as<std::int64_t>(), head[3].as<std::int64_t>()},
                          std::move(totals));
}

}  // namespace samverkan::reporting::repo
