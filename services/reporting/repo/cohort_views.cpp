#include "cohort_views.hpp"

#include <samverkan/db/nullable.hpp>

namespace samverkan::reporting::repo {

std::vector<CohortRow> list_cohorts(pqxx::transaction_base& tx, const std::string& federation) {
  std::vector<CohortRow> out;
  for (const auto& r : tx.exec_params(
           "SELECT id, programme_id, name FROM cohorts WHERE federation_id = $1 ORDER BY name, id",
           federation)) {
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()});
  }
  return out;
}

std::optional<std::vector<SessionFigures>> cohort_sessions(
    pqxx::transaction_base& tx, const std::string& federation, const std::string& cohort,
    const std::optional<std::string>& organisation) {
  if (tx.exec_params("SELECT 1 FROM cohorts WHERE federation_id = $1 AND id = $2", federation,
                     cohort)
          .empty()) {
    return std::nullopt;
  }
  // The whole federation reads the kept session totals; a coordinator's own organisation is
  // counted from its participants' records (at most its people times the cohort's sessions).
  const char* whole =
      "SELECT s.id, to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
      "to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), s.kind, "
      "coalesce(m.code || ' ' || m.title, s.kind), s.status, coalesce(t.present, 0), "
      "coalesce(t.late, 0), coalesce(t.excused, 0), coalesce(t.absent, 0), coalesce(t.minutes, 0) "
      "FROM sessions s LEFT JOIN modules m ON m.id = s.module_id "
      "LEFT JOIN session_totals t ON t.session_id = s.id "
      "WHERE s.federation_id = $1 AND s.cohort_id = $2 ORDER BY s.starts_at, s.id";
  const char* own =
      "SELECT s.id, to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
      "to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), s.kind, "
      "coalesce(m.code || ' ' || m.title, s.kind), s.status, "
      "count(*) FILTER (WHERE a.status = 'present'), count(*) FILTER (WHERE a.status = 'late'), "
      "count(*) FILTER (WHERE a.status = 'excused'), count(*) FILTER (WHERE a.status = 'absent'), "
      "coalesce(sum(a.minutes) FILTER (WHERE a.status IN ('present', 'late')), 0) "
      "FROM sessions s LEFT JOIN modules m ON m.id = s.module_id "
      "LEFT JOIN (attendance a JOIN participants p ON p.id = a.participant_id "
      "AND p.organisation_id = $3::uuid) ON a.session_id = s.id "
      "WHERE s.federation_id = $1 AND s.cohort_id = $2 "
      "GROUP BY s.id, s.starts_at, s.kind, m.code, m.title, s.status ORDER BY s.starts_at, s.id";
  const auto rows = organisation ? tx.exec_params(own, federation, cohort, *organisation)
                                 : tx.exec_params(whole, federation, cohort);
  std::vector<SessionFigures> out;
  for (const auto& r : rows) {
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                   r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>(),
                   r[6].as<std::int64_t>(), r[7].as<std::int64_t>(), r[8].as<std::int64_t>(),
                   r[9].as<std::int64_t>(), r[10].as<std::int64_t>()});
  }
  return out;
}

}  // namespace samverkan::reporting::repo
