#include "exports.hpp"

#include "../domain/session_trainers.hpp"

namespace samverkan::reporting::repo {

namespace {

// Declares the cursor, fetches in batches, closes it. Returns the rows read.
std::int64_t each_row(pqxx::work& tx, const std::string& name, const std::string& query,
                      const std::function<void(const pqxx::row&)>& fn) {
  tx.exec("DECLARE " + name + " NO SCROLL CURSOR FOR " + query);
  std::int64_t n = 0;
  for (;;) {
    const auto rows = tx.exec("FETCH FORWARD 2000 FROM " + name);
    for (const auto& row : rows) {
      fn(row);
      ++n;
    }
    if (rows.empty()) break;
  }
  tx.exec("CLOSE " + name);
  return n;
}

// A session's local time: its zone when reporting has it, else UTC.
constexpr const char* kLocal = "(s.starts_at AT TIME ZONE COALESCE(s.time_zone, 'UTC'))";
constexpr const char* kLocalEnd = "(s.ends_at AT TIME ZONE COALESCE(s.time_zone, 'UTC'))";

}  // namespace

bool cohort_known(pqxx::transaction_base& tx, const std::string& fed,
                  const std::string& cohort_id) {
  return tx
      .exec_params1("SELECT EXISTS (SELECT 1 FROM cohorts WHERE federation_id = $1 AND id = $2)",
                    fed, cohort_id)[0]
      .as<bool>();
}

std::int64_t stream_sessions(pqxx::work& tx, const std::string& fed, const std::string& cohort_id,
                             const std::function<void(const SessionExportRow&)>& fn) {
  // Expected: the cohort's approved enrolments (module choices are not kept yet).
  const std::string query =
      std::string("SELECT s.id::text, to_char(") + kLocal + ", 'YYYY-MM-DD'), to_char(" + kLocal +
      ", 'HH24:MI'), to_char(" + kLocalEnd +
      ", 'HH24:MI'), (extract(epoch FROM s.ends_at - s.starts_at) / 60)::bigint, s.status, "
      "s.kind, COALESCE(m.code, ''), "
      // Not correlated with the row, so PostgreSQL counts once per export (an InitPlan).
      "(SELECT count(*) FROM enrolments e WHERE e.federation_id = " +
      tx.quote(fed) + " AND e.cohort_id = " + tx.quote(cohort_id) +
      "::uuid AND e.status = 'approved'), "
      "COALESCE(t.present, 0), COALESCE(t.late, 0), COALESCE(t.excused, 0), "
      "COALESCE(t.absent, 0), COALESCE(t.minutes, 0), s.trainers::text "
      "FROM sessions s LEFT JOIN modules m ON m.id = s.module_id AND m.federation_id = "
      "s.federation_id LEFT JOIN session_totals t ON t.session_id = s.id "
      "WHERE s.federation_id = " +
      tx.quote(fed) + " AND s.cohort_id = " + tx.quote(cohort_id) +
      "::uuid ORDER BY s.starts_at, s.id";
  return each_row(tx, "export_sessions", query, [&](const pqxx::row& r) {
    SessionExportRow row;
    row.session_id = r[0].as<std::string>();
    row.date = r[1].as<std::string>();
    row.start = r[2].as<std::string>();
    row.end = r[3].as<std::string>();
    row.duration_minutes = r[4].as<std::int64_t>();
    row.status = r[5].as<std::string>();
    row.kind = r[6].as<std::string>();
    row.module_code = r[7].as<std::string>();
    row.expected = r[8].as<std::int64_t>();
    row.present = r[9].as<std::int64_t>();
    row.late = r[10].as<std::int64_t>();
    row.excused = r[11].as<std::int64_t>();
    row.absent = r[12].as<std::int64_t>();
    row.minutes = r[13].as<std::int64_t>();
    const auto trainers = trainers_from_text(r[14].c_str());
    row.trainers = trainers_cell(trainers);
    row.teacher = teacher_cell(trainers);
    fn(row);
  });
}

std::int64_t stream_hours(pqxx::work& tx, const std::string& fed, const std::string& cohort_id,
                          const std::function<void(const HoursExportRow&)>& fn) {
  // Per participant and month: session minutes, self-study (sessions of kind self_study and
  // approved self-study entries, kept apart), and the month's statement state (no row: open).
  const std::string f = tx.quote(fed), c = tx.quote(cohort_id) + "::uuid";
  const std::string query =
      std::string("WITH sessions_part AS (SELECT a.participant_id, to_char(") + kLocal +
      ", 'YYYY-MM') AS month, "
      "COALESCE(sum(a.minutes) FILTER (WHERE s.kind <> 'self_study'), 0) AS session_minutes, "
      "COALESCE(sum(a.minutes) FILTER (WHERE s.kind = 'self_study'), 0) AS self_study_minutes "
      "FROM attendance a JOIN sessions s ON s.id = a.session_id AND s.federation_id = "
      "a.federation_id WHERE a.federation_id = " +
      f + " AND a.cohort_id = " + c +
      " AND s.status <> 'cancelled' GROUP BY 1, 2), "
      "entries_part AS (SELECT participant_id, to_char(studied_on, 'YYYY-MM') AS month, "
      "sum(minutes) AS self_study_minutes FROM self_study_entries WHERE federation_id = " +
      f + " AND cohort_id = " + c +
      " AND status = 'approved' GROUP BY 1, 2) "
      "SELECT t.participant_id::text, COALESCE(p.organisation_id::text, ''), t.month, "
      "t.session_minutes, t.self_study_minutes, COALESCE(st.state, 'open') FROM ("
      "SELECT participant_id, month, COALESCE(sp.session_minutes, 0) AS session_minutes, "
      "COALESCE(sp.self_study_minutes, 0) + COALESCE(ep.self_study_minutes, 0) AS "
      "self_study_minutes FROM sessions_part sp FULL JOIN entries_part ep "
      "USING (participant_id, month)) t "
      "LEFT JOIN participants p ON p.id = t.participant_id AND p.federation_id = " +
      f +
      " LEFT JOIN statement_states st ON st.statement_key = t.participant_id::text || '/' || "
      "t.month AND st.federation_id = " +
      f + " ORDER BY 1, 3";
  return each_row(tx, "export_hours", query, [&](const pqxx::row& r) {
    fn({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
        r[3].as<std::int64_t>(), r[4].as<std::int64_t>(), r[5].as<std::string>()});
  });
}

}  // namespace samverkan::reporting::repo
