#include "attendance_repo.hpp"

#include <samverkan/db/json_rows.hpp>
#include <samverkan/db/nullable.hpp>
#include <samverkan/json/fields.hpp>


namespace samverkan::attendance::repo {

namespace {
using db::nullable;
using json::optional_string_at;
using json::string_at;

constexpr const char* kRecord =
    "json_build_object('id', id, 'session_id', session_id, 'participant_id', participant_id, 'status', status, "
    "'minutes', minutes, 'revision', revision, "
    "'recorded_at', to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))::text";

}  // namespace

std::optional<Session> find_session(pqxx::work& tx, const Federation& fed, const std::string& session_id) {
  auto rows = tx.exec_params(
      "SELECT cohort_id, module_id, (EXTRACT(EPOCH FROM ends_at - starts_at) / 60)::bigint FROM sessions "
      "WHERE federation_id = $1 AND id = $2",
      fed, session_id);
  if (rows.empty()) return std::nullopt;
  Session s{rows[0][0].as<std::string>(), std::nullopt, rows[0][2].as<std::int64_t>()};
  if (!rows[0][1].is_null()) s.module_id = rows[0][1].as<std::string>();
  return s;
}

std::optional<std::string> approved_enrolment(pqxx::work& tx, const Federation& fed, const std::string& participant_id,
                                              const std::string& cohort_id) {
  auto rows = tx.exec_params(
      "SELECT organisation_id FROM enrolments WHERE federation_id = $1 AND participant_id = $2 AND cohort_id = $3",
      fed, participant_id, cohort_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::optional<Current> find_record_for_update(pqxx::work& tx, const Federation& fed, const std::string& session_id,
                                              const std::string& participant_id) {
  // Two first marks of the same pair at once would both find no row to lock; this lock makes the
  // second wait and then see the first one's record.
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext('attendance:' || $1 || ':' || $2))", session_id, participant_id);
  auto rows = tx.exec_params(
      "SELECT id, status, minutes, revision FROM attendance WHERE federation_id = $1 AND session_id = $2 "
      "AND participant_id = $3 FOR UPDATE",
      fed, session_id, participant_id);
  if (rows.empty()) return std::nullopt;
  return Current{rows[0][0].as<std::string>(), {rows[0][1].as<std::string>(), rows[0][2].as<std::int64_t>()},
                 rows[0][3].as<std::int64_t>()};
}

boost::json::object write_revision(pqxx::work& tx, const Federation& fed, const std::string& record_id,
                                   const std::string& session_id, const std::string& participant_id,
                                   const Resolved& mark, std::int64_t revision, const std::string& recorded_by) {
  const long minutes = static_cast<long>(mark.minutes);
  const long rev = static_cast<long>(revision);
  tx.exec_params(
      "INSERT INTO attendance (id, federation_id, session_id, participant_id, status, minutes, revision, recorded_by, "
      "recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) "
      "ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, minutes = EXCLUDED.minutes, "
      "revision = EXCLUDED.revision, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at",
      record_id, fed, session_id, participant_id, mark.status, minutes, rev, recorded_by);
  tx.exec_params(
      "INSERT INTO attendance_revisions (record_id, revision, status, minutes, recorded_by, recorded_at) "
      "VALUES ($1, $2, $3, $4, $5, now())",
      record_id, rev, mark.status, minutes, recorded_by);
  return record(tx, record_id);
}

boost::json::object record(pqxx::work& tx, const std::string& record_id) {
  auto rows = tx.exec_params(std::string("SELECT ") + kRecord + " FROM attendance WHERE id = $1", record_id);
  return db::first_object(rows);
}

boost::json::array list_for_session(pqxx::work& tx, const Federation& fed, const std::string& session_id,
                                    const std::optional<std::string>& organisation) {
  auto rows = tx.exec_params(
      std::string("SELECT ") + kRecord +
          " FROM attendance a WHERE federation_id = $1 AND session_id = $2 AND ($3::uuid IS NULL OR EXISTS ("
          "SELECT 1 FROM enrolments e JOIN sessions s ON s.id = a.session_id WHERE e.participant_id = a.participant_id "
          "AND e.cohort_id = s.cohort_id AND e.organisation_id = $3::uuid)) ORDER BY participant_id",
      fed, session_id, nullable(organisation));
  return db::objects(rows);
}

void upsert_session(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO sessions (id, federation_id, cohort_id, module_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (id) DO UPDATE SET starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, "
      "module_id = EXCLUDED.module_id",
      string_at(e, "session_id"), string_at(e, "federation_id"), string_at(e, "cohort_id"), nullable(optional_string_at(e, "module_id")),
      string_at(e, "starts_at"), string_at(e, "ends_at"));
}

void upsert_approved_enrolment(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO enrolments (id, federation_id, participant_id, organisation_id, cohort_id, approved_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING",
      string_at(e, "enrolment_id"), string_at(e, "federation_id"), string_at(e, "participant_id"), string_at(e, "organisation_id"),
      string_at(e, "cohort_id"), string_at(e, "approved_at"));
}

}  // namespace samverkan::attendance::repo
