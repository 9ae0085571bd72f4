#include "exports.hpp"
#include "history.hpp"

#include <samverkan/db/nullable.hpp>

#include "as_of.hpp"

namespace samverkan::reporting::repo {

namespace {

constexpr const char* kMoment = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

// $1 federation, $2 cohort or null, $3 programme or null, $4 since, $5..$7 cursor or nulls, $8
// limit. The scope: the cohorts asked for, their programmes, the people enrolled in them.
constexpr const char* kChangesSql =
    "WITH scope AS (SELECT id, programme_id FROM cohorts WHERE federation_id = $1"
    "   AND (id = $2::uuid OR programme_id = $3::uuid)),"
    " progs AS (SELECT programme_id AS id FROM scope UNION SELECT $3::uuid WHERE $3::uuid IS NOT "
    "NULL),"
    " people AS (SELECT DISTINCT participant_id AS id FROM enrolments"
    "   WHERE federation_id = $1 AND cohort_id IN (SELECT id FROM scope)),"
    " found AS (SELECT h.tbl, h.key, h.valid_from, h.row,"
    "   CASE h.tbl"
    "    WHEN 'attendance' THEN (SELECT to_char(s.starts_at AT TIME ZONE"
    "      COALESCE(s.time_zone, 'UTC'), 'YYYY-MM') FROM sessions s"
    "      WHERE s.id = (h.row->>'session_id')::uuid AND s.federation_id = $1)"
    "    WHEN 'sessions' THEN to_char((h.row->>'starts_at')::timestamptz AT TIME ZONE"
    "      COALESCE(h.row->>'time_zone', 'UTC'), 'YYYY-MM')"
    "    WHEN 'self_study_entries' THEN left(h.row->>'studied_on', 7)"
    "    WHEN 'statement_states' THEN h.row->>'month'"
    "    WHEN 'participant_completions' THEN left(h.row->>'completed_on', 7)"
    "    WHEN 'enrolments' THEN left(COALESCE(h.row->>'left_on', h.row->>'started_on'), 7)"
    "   END AS month"
    "  FROM row_history h"
    "  WHERE h.valid_from > $4::timestamptz AND h.row->>'federation_id' = $1"
    "   AND ($5::timestamptz IS NULL OR (h.valid_from, h.tbl, h.key) > ($5::timestamptz, $6::text, "
    "$7::text))"
    "   AND ((h.tbl IN ('sessions', 'enrolments', 'attendance', 'self_study_entries',"
    "          'participant_completions')"
    "         AND (h.row->>'cohort_id')::uuid IN (SELECT id FROM scope))"
    "    OR (h.tbl = 'cohorts' AND (h.row->>'id')::uuid IN (SELECT id FROM scope))"
    "    OR (h.tbl = 'programmes' AND (h.row->>'id')::uuid IN (SELECT id FROM progs))"
    "    OR (h.tbl = 'modules' AND (h.row->>'programme_id')::uuid IN (SELECT id FROM progs))"
    "    OR (h.tbl IN ('participants', 'entry_facts', 'statement_states')"
    "        AND COALESCE(h.row->>'participant_id', h.row->>'id')::uuid IN (SELECT id FROM "
    "people)))"
    "  ORDER BY h.valid_from, h.tbl, h.key LIMIT $8)"
    " SELECT f.tbl, f.key, to_char(f.valid_from AT TIME ZONE 'UTC', " /* kMoment */
    "%M%), f.month,"
    "  EXISTS (SELECT 1 FROM month_locks l WHERE l.federation_id = $1"
    "   AND l.programme_id IN (SELECT id FROM progs) AND l.month = f.month"
    "   AND l.locked_at < f.valid_from),"
    "  COALESCE((SELECT p.row::text FROM row_history p WHERE p.tbl = f.tbl AND p.key = f.key"
    "   AND p.valid_from < f.valid_from ORDER BY p.valid_from DESC LIMIT 1), ''),"
    "  f.row::text"
    " FROM found f ORDER BY f.valid_from, f.tbl, f.key";

std::string changes_sql() {
  std::string sql = kChangesSql;
  const auto at = sql.find("%M%");
  return sql.replace(at, 3, kMoment);
}

MonthLock lock_at(const pqxx::row& r) {
  return {r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>()};
}

}  // namespace

std::optional<std::vector<Change>> read_changes(pqxx::transaction_base& tx, const ChangeQuery& q) {
  const auto known =
      q.cohort_id ? tx.exec_params1(
                          "SELECT EXISTS (SELECT 1 FROM cohorts WHERE federation_id = $1 AND "
                          "id = $2::uuid)",
                          q.federation, *q.cohort_id)[0]
                        .as<bool>()
                  : programme_known(tx, q.federation, *q.programme_id);
  if (!known) return std::nullopt;
  pqxx::row window;
  try {
    window = tx.exec_params1(
        "SELECT history_start() IS NULL OR $1::timestamptz < history_start(),"
        " $1::timestamptz > clock_timestamp(),"
        " COALESCE(to_char(history_start() AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
        " '')",
        q.since);
  } catch (const pqxx::data_exception&) {
    throw AsOfRefused("since is not a valid date-time");
  }
  if (window[0].as<bool>()) {
    throw AsOfRefused("since is before history began at " + window[2].as<std::string>());
  }
  if (window[1].as<bool>()) throw AsOfRefused("since is in the future");
  const auto cursor = [&](auto member) {
    return q.after ? std::optional<std::string>((*q.after).*member) : std::nullopt;
  };
  std::vector<Change> out;
  for (const auto& r : tx.exec_params(changes_sql(), q.federation, db::nullable(q.cohort_id),
                                      db::nullable(q.programme_id), q.since,
                                      db::nullable(cursor(&ChangeCursor::changed_at)),
                                      db::nullable(cursor(&ChangeCursor::entity)),
                                      db::nullable(cursor(&ChangeCursor::id)), q.limit)) {
    Change c;
    c.entity = r[0].as<std::string>();
    c.id = r[1].as<std::string>();
    c.changed_at = r[2].as<std::string>();
    if (!r[3].is_null()) c.month = r[3].as<std::string>();
    c.locked_month = r[4].as<bool>();
    c.before = r[5].as<std::string>();
    c.after = r[6].as<std::string>();
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<MonthLock> lock_month(pqxx::transaction_base& tx, const std::string& fed,
                                    const std::string& programme_id, const std::string& month,
                                    const std::string& subject) {
  const auto r = tx.exec_params(
      std::string(
          "INSERT INTO month_locks (federation_id, programme_id, month, locked_at, "
          "locked_by) VALUES ($1, $2::uuid, $3, clock_timestamp(), $4) "
          "ON CONFLICT DO NOTHING RETURNING month, to_char(locked_at AT TIME ZONE 'UTC', ") +
          kMoment + "), locked_by",
      fed, programme_id, month, subject);
  if (r.empty()) return std::nullopt;
  return lock_at(r[0]);
}

std::optional<MonthLock> read_lock(pqxx::transaction_base& tx, const std::string& fed,
                                   const std::string& programme_id, const std::string& month) {
  const auto r = tx.exec_params(
      std::string("SELECT month, to_char(locked_at AT TIME ZONE 'UTC', ") + kMoment +
          "), locked_by FROM month_locks WHERE federation_id = $1 AND programme_id = $2::uuid "
          "AND month = $3",
      fed, programme_id, month);
  if (r.empty()) return std::nullopt;
  return lock_at(r[0]);
}

std::vector<MonthLock> read_locks(pqxx::transaction_base& tx, const std::string& fed,
                                  const std::string& programme_id) {
  std::vector<MonthLock> out;
  for (const auto& r : tx.exec_params(
           std::string("SELECT month, to_char(locked_at AT TIME ZONE 'UTC', ") + kMoment +
               "), locked_by FROM month_locks WHERE federation_id = $1 AND programme_id = "
               "$2::uuid ORDER BY month",
           fed, programme_id)) {
    out.push_back(lock_at(r));
  }
  return out;
}

}  // namespace samverkan::reporting::repo
