#include "catalogue_repo.hpp"

#include <samverkan/db/json_rows.hpp>
#include <samverkan/db/nullable.hpp>


namespace samverkan::modules::repo {

namespace {

// Shapes of each resource as the API returns it. Times are UTC; local_* use the session's zone.
constexpr const char* kProgramme =
    "json_build_object('id', id, 'title', title, 'description', description, 'funder', funder, "
    "'created_at', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))::text";
constexpr const char* kCohort =
    "json_build_object('id', id, 'programme_id', programme_id, 'name', name, 'starts_on', starts_on, "
    "'ends_on', ends_on)::text";
constexpr const char* kModule =
    "json_build_object('id', id, 'programme_id', programme_id, 'code', code, 'title', title, "
    "'mandatory', mandatory, 'planned_hours', planned_hours)::text";
constexpr const char* kSession =
    "json_build_object('id', id, 'cohort_id', cohort_id, 'module_id', module_id, 'kind', kind, "
    "'title', title, "
    "'starts_at', to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "'ends_at', to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
    "'local_start', to_char(starts_at AT TIME ZONE time_zone, 'YYYY-MM-DD\"T\"HH24:MI'), "
    "'local_end', to_char(ends_at AT TIME ZONE time_zone, 'YYYY-MM-DD\"T\"HH24:MI'), "
    "'time_zone', time_zone, 'delivery', delivery, 'location', location)::text";



using db::first_object;
using db::maybe_object;
using db::nullable;
using db::objects;

}  // namespace

boost::json::object insert_programme(pqxx::work& tx, const Federation& fed, const std::string& id,
                                     const NewProgramme& p) {
  return first_object(tx.exec_params(std::string("INSERT INTO programmes (id, federation_id, title, description, funder) "
                                        "VALUES ($1, $2, $3, $4, $5) RETURNING ") + kProgramme,
                            id, fed, p.title, nullable(p.description), nullable(p.funder)));
}

std::optional<boost::json::object> find_programme(pqxx::work& tx, const Federation& fed, const std::string& id) {
  return maybe_object(tx.exec_params(std::string("SELECT ") + kProgramme +
                                         " FROM programmes WHERE federation_id = $1 AND id = $2",
                                     fed, id));
}

boost::json::array list_programmes(pqxx::work& tx, const Federation& fed, const runtime::Page& page) {
  return objects(tx.exec_params(std::string("SELECT ") + kProgramme +
                                 " FROM programmes WHERE federation_id = $1 AND ($2 = '' OR id > $2::uuid) "
                                 "ORDER BY id LIMIT $3",
                             fed, page.after, page.limit));
}

boost::json::object insert_cohort(pqxx::work& tx, const Federation& fed, const std::string& id,
                                  const std::string& programme_id, const NewCohort& c) {
  return first_object(tx.exec_params(std::string("INSERT INTO cohorts (id, federation_id, programme_id, name, starts_on, ends_on) "
                                        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING ") + kCohort,
                            id, fed, programme_id, c.name, c.starts_on, c.ends_on));
}

boost::json::array list_cohorts(pqxx::work& tx, const Federation& fed, const std::string& programme_id,
                                const runtime::Page& page) {
  return objects(tx.exec_params(std::string("SELECT ") + kCohort +
                                 " FROM cohorts WHERE federation_id = $1 AND programme_id = $2 "
                                 "AND ($3 = '' OR id > $3::uuid) ORDER BY id LIMIT $4",
                             fed, programme_id, page.after, page.limit));
}

std::optional<boost::json::object> find_cohort(pqxx::work& tx, const Federation& fed, const std::string& id) {
  return maybe_object(tx.exec_params(std::string("SELECT ") + kCohort + " FROM cohorts WHERE federation_id = $1 AND id = $2",
                                     fed, id));
}

std::optional<std::string> cohort_programme(pqxx::work& tx, const Federation& fed, const std::string& cohort_id) {
  auto rows = tx.exec_params("SELECT programme_id FROM cohorts WHERE federation_id = $1 AND id = $2", fed, cohort_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

boost::json::object insert_module(pqxx::work& tx, const Federation& fed, const std::string& id,
                                  const std::string& programme_id, const NewModule& m) {
  return first_object(tx.exec_params(
      std::string("INSERT INTO modules (id, federation_id, programme_id, code, title, mandatory, planned_hours) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ") + kModule,
      id, fed, programme_id, m.code, m.title, m.mandatory, static_cast<long>(m.planned_hours)));
}

boost::json::array list_modules(pqxx::work& tx, const Federation& fed, const std::string& programme_id,
                                const runtime::Page& page) {
  return objects(tx.exec_params(std::string("SELECT ") + kModule +
                                 " FROM modules WHERE federation_id = $1 AND programme_id = $2 "
                                 "AND ($3 = '' OR id > $3::uuid) ORDER BY id LIMIT $4",
                             fed, programme_id, page.after, page.limit));
}

std::optional<std::string> module_programme(pqxx::work& tx, const Federation& fed, const std::string& module_id) {
  auto rows = tx.exec_params("SELECT programme_id FROM modules WHERE federation_id = $1 AND id = $2", fed, module_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

bool is_time_zone(pqxx::work& tx, const std::string& name) {
  return !tx.exec_params("SELECT 1 FROM pg_timezone_names WHERE name = $1", name).empty();
}

boost::json::object insert_session(pqxx::work& tx, const Federation& fed, const std::string& id,
                                   const std::string& cohort_id, const NewSession& s) {
  return first_object(tx.exec_params(
      std::string("INSERT INTO sessions (id, federation_id, cohort_id, module_id, kind, title, starts_at, ends_at, "
                  "time_zone, delivery, location) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ") +
          kSession,
      id, fed, cohort_id, nullable(s.module_id), s.kind, s.title, s.starts_at, s.ends_at, s.time_zone, s.delivery,
      nullable(s.location)));
}

boost::json::array list_sessions(pqxx::work& tx, const Federation& fed, const std::string& cohort_id,
                                 const runtime::Page& page) {
  // Sessions read best in time order; the cursor is still the id, so order by (starts_at, id).
  return objects(tx.exec_params(
      std::string("SELECT ") + kSession +
          " FROM sessions WHERE federation_id = $1 AND cohort_id = $2 AND ($3 = '' OR (starts_at, id) > "
          "(SELECT starts_at, id FROM sessions WHERE federation_id = $1 AND cohort_id = $2 AND id = $3::uuid)) "
          "ORDER BY starts_at, id LIMIT $4",
      fed, cohort_id, page.after, page.limit));
}

bool session_in_cohort(pqxx::work& tx, const Federation& fed, const std::string& cohort_id, const std::string& id) {
  return !tx.exec_params("SELECT 1 FROM sessions WHERE federation_id = $1 AND cohort_id = $2 AND id = $3", fed,
                         cohort_id, id)
              .empty();
}


}  // namespace samverkan::modules::repo
