#include "read_model.hpp"

#include "../domain/progress.hpp"

#include <samverkan/db/nullable.hpp>
#include <samverkan/json/fields.hpp>


namespace samverkan::reporting::repo {

namespace {
using db::nullable;
using json::integer_at;
using json::optional_string_at;
using json::string_at;

}  // namespace

void apply_organisation(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO organisations (id, federation_id, name, type) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type",
      string_at(e, "organisation_id"), string_at(e, "federation_id"), string_at(e, "name"), string_at(e, "type"));
}

void apply_participant(pqxx::work& tx, const boost::json::object& e) {
  // Names and e-mail addresses are not kept here: reports need neither.
  tx.exec_params(
      "INSERT INTO participants (id, federation_id, organisation_id, gender, birth_year) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (id) DO UPDATE SET organisation_id = EXCLUDED.organisation_id, gender = EXCLUDED.gender, "
      "birth_year = EXCLUDED.birth_year",
      string_at(e, "participant_id"), string_at(e, "federation_id"), string_at(e, "organisation_id"), string_at(e, "gender"),
      integer_at(e, "birth_year"));
}

void apply_cohort(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO cohorts (id, federation_id, programme_id, name) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name",
      string_at(e, "cohort_id"), string_at(e, "federation_id"), string_at(e, "programme_id"), string_at(e, "name"));
}

void apply_module(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO modules (id, federation_id, programme_id, code, title, mandatory, planned_hours) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, "
      "title = EXCLUDED.title, mandatory = EXCLUDED.mandatory, planned_hours = EXCLUDED.planned_hours",
      string_at(e, "module_id"), string_at(e, "federation_id"), string_at(e, "programme_id"), string_at(e, "code"), string_at(e, "title"),
      e.at("mandatory").as_bool(), integer_at(e, "planned_hours"));
}

void apply_session(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO sessions (id, federation_id, cohort_id, module_id, kind, starts_at, ends_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET module_id = EXCLUDED.module_id, "
      "kind = EXCLUDED.kind, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at",
      string_at(e, "session_id"), string_at(e, "federation_id"), string_at(e, "cohort_id"), nullable(optional_string_at(e, "module_id")),
      string_at(e, "kind"), string_at(e, "starts_at"), string_at(e, "ends_at"));
}

void apply_enrolment(pqxx::work& tx, const boost::json::object& e, const std::string& status) {
  const auto id = string_at(e, "enrolment_id");
  const auto stored = tx.exec_params("SELECT status FROM enrolments WHERE id = $1 FOR UPDATE", id);
  const std::string merged = merged_enrolment_status(stored.empty() ? "" : stored[0][0].as<std::string>(), status);
  tx.exec_params(
      "INSERT INTO enrolments (id, federation_id, participant_id, organisation_id, cohort_id, status) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status",
      id, string_at(e, "federation_id"), string_at(e, "participant_id"), string_at(e, "organisation_id"), string_at(e, "cohort_id"), merged);
}

void apply_attendance(pqxx::work& tx, const boost::json::object& e, const std::string& event_id) {
  // A lower revision arriving late never overwrites a correction.
  tx.exec_params(
      "INSERT INTO attendance (record_id, federation_id, session_id, participant_id, cohort_id, module_id, status, "
      "minutes, revision, source_event_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "ON CONFLICT (record_id) DO UPDATE SET status = EXCLUDED.status, minutes = EXCLUDED.minutes, "
      "revision = EXCLUDED.revision, source_event_id = EXCLUDED.source_event_id "
      "WHERE attendance.revision < EXCLUDED.revision",
      string_at(e, "record_id"), string_at(e, "federation_id"), string_at(e, "session_id"), string_at(e, "participant_id"),
      string_at(e, "cohort_id"), nullable(optional_string_at(e, "module_id")), string_at(e, "status"), integer_at(e, "minutes"),
      integer_at(e, "revision"), event_id);
}

std::optional<std::string> participant_organisation(pqxx::work& tx, const Federation& fed, const std::string& id) {
  auto rows = tx.exec_params("SELECT organisation_id FROM participants WHERE federation_id = $1 AND id = $2", fed, id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::string participant_progress(pqxx::work& tx, const Federation& fed, const std::string& participant_id) {
  const std::string attended = kAttendedStatusesSql;
  const auto rows = tx.exec_params(
      "WITH mine AS ("
      "  SELECT module_id, count(*) FILTER (WHERE status IN " + attended + ") AS attended, sum(minutes) AS minutes "
      "  FROM attendance WHERE federation_id = $1 AND participant_id = $2::uuid GROUP BY module_id),"
      " planned AS ("
      "  SELECT DISTINCT m.id, m.code, m.title, m.mandatory, m.planned_hours FROM modules m"
      "  JOIN cohorts c ON c.programme_id = m.programme_id AND c.federation_id = m.federation_id"
      "  JOIN enrolments e ON e.cohort_id = c.id"
      "  WHERE e.federation_id = $1 AND e.participant_id = $2::uuid AND e.status = 'approved'"
      "  UNION SELECT m.id, m.code, m.title, m.mandatory, m.planned_hours FROM modules m JOIN mine ON mine.module_id = m.id)"
      " SELECT json_build_object("
      "  'participant_id', $2::text,"
      "  'organisation_id', (SELECT organisation_id FROM participants WHERE federation_id = $1 AND id = $2::uuid),"
      "  'sessions_attended', COALESCE((SELECT sum(attended) FROM mine), 0),"
      "  'minutes', COALESCE((SELECT sum(minutes) FROM mine), 0),"
      "  'hours', round(COALESCE((SELECT sum(minutes) FROM mine), 0) / 60.0, 2),"
      "  'modules', COALESCE((SELECT json_agg(json_build_object('module_id', p.id, 'code', p.code, 'title', p.title,"
      "     'mandatory', p.mandatory, 'planned_hours', p.planned_hours,"
      "     'sessions_attended', COALESCE(x.attended, 0), 'minutes', COALESCE(x.minutes, 0),"
      "     'hours', round(COALESCE(x.minutes, 0) / 60.0, 2)) ORDER BY p.code)"
      "   FROM planned p LEFT JOIN mine x ON x.module_id = p.id), '[]'::json),"
      "  'sessions_outside_modules', json_build_object("
      "     'sessions_attended', COALESCE((SELECT attended FROM mine WHERE module_id IS NULL), 0),"
      "     'minutes', COALESCE((SELECT minutes FROM mine WHERE module_id IS NULL), 0)))::text",
      fed, participant_id);
  return rows.at(0)[0].as<std::string>();
}

bool cohort_known(pqxx::work& tx, const Federation& fed, const std::string& cohort_id) {
  return !tx.exec_params(
                "SELECT 1 WHERE EXISTS (SELECT 1 FROM cohorts WHERE federation_id = $1 AND id = $2::uuid) "
                "OR EXISTS (SELECT 1 FROM enrolments WHERE federation_id = $1 AND cohort_id = $2::uuid)",
                fed, cohort_id)
              .empty();
}

std::string cohort_summary(pqxx::work& tx, const Federation& fed, const std::string& cohort_id,
                                   const std::optional<std::string>& organisation) {
  const std::string attended = kAttendedStatusesSql;
  const auto rows = tx.exec_params(
      "WITH enrolled AS ("
      "  SELECT organisation_id, count(*) AS participants FROM enrolments"
      "  WHERE federation_id = $1 AND cohort_id = $2::uuid AND status = 'approved' GROUP BY organisation_id),"
      " attended AS ("
      "  SELECT p.organisation_id, count(*) FILTER (WHERE a.status IN " + attended + ") AS sessions_attended,"
      "         COALESCE(sum(a.minutes), 0) AS minutes"
      "  FROM attendance a JOIN participants p ON p.id = a.participant_id AND p.federation_id = a.federation_id"
      "  WHERE a.federation_id = $1 AND a.cohort_id = $2::uuid GROUP BY p.organisation_id),"
      " per_org AS ("
      "  SELECT o.id, COALESCE(org.name, '') AS name, COALESCE(en.participants, 0) AS participants,"
      "         COALESCE(at.sessions_attended, 0) AS sessions_attended, COALESCE(at.minutes, 0) AS minutes"
      "  FROM (SELECT organisation_id AS id FROM enrolled UNION SELECT organisation_id FROM attended) o"
      "  LEFT JOIN enrolled en ON en.organisation_id = o.id LEFT JOIN attended at ON at.organisation_id = o.id"
      "  LEFT JOIN organisations org ON org.id = o.id AND org.federation_id = $1"
      "  WHERE $3::uuid IS NULL OR o.id = $3::uuid)"
      " SELECT json_build_object("
      "  'cohort_id', $2::text,"
      "  'name', (SELECT name FROM cohorts WHERE federation_id = $1 AND id = $2::uuid),"
      "  'sessions_scheduled', (SELECT count(*) FROM sessions WHERE federation_id = $1 AND cohort_id = $2::uuid),"
      "  'organisations', COALESCE((SELECT json_agg(json_build_object('organisation_id', id, 'name', name,"
      "     'participants_enrolled', participants, 'sessions_attended', sessions_attended, 'minutes', minutes,"
      "     'hours', round(minutes / 60.0, 2)) ORDER BY name, id) FROM per_org), '[]'::json),"
      "  'totals', (SELECT json_build_object('participants_enrolled', COALESCE(sum(participants), 0),"
      "     'sessions_attended', COALESCE(sum(sessions_attended), 0), 'minutes', COALESCE(sum(minutes), 0),"
      "     'hours', round(COALESCE(sum(minutes), 0) / 60.0, 2)) FROM per_org))::text",
      fed, cohort_id, nullable(organisation));
  return rows.at(0)[0].as<std::string>();
}

}  // namespace samverkan::reporting::repo
