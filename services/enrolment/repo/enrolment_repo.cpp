#include "enrolment_repo.hpp"

#include <samverkan/db/json_rows.hpp>
#include <samverkan/db/nullable.hpp>
#include <samverkan/json/fields.hpp>


namespace samverkan::enrolment::repo {

namespace {
using db::first_object;
using db::maybe_object;
using db::nullable;
using db::objects;
using json::string_at;

constexpr const char* kOrganisation =
    "json_build_object('id', id, 'name', name, 'org_number', org_number, 'type', type)::text";
constexpr const char* kParticipant =
    "json_build_object('id', id, 'organisation_id', organisation_id, 'name', name, 'email', email, "
    "'gender', gender, 'birth_year', birth_year, 'role', role)::text";
constexpr const char* kEnrolment =
    "json_build_object('id', id, 'participant_id', participant_id, 'organisation_id', organisation_id, "
    "'cohort_id', cohort_id, 'status', status, "
    "'requested_at', to_char(requested_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
    "'approved_at', to_char(approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))::text";

}  // namespace

boost::json::object insert_organisation(pqxx::work& tx, const Federation& fed, const std::string& id,
                                        const NewOrganisation& o) {
  return first_object(tx.exec_params(std::string("INSERT INTO organisations (id, federation_id, name, org_number, type) "
                                        "VALUES ($1, $2, $3, $4, $5) RETURNING ") + kOrganisation,
                            id, fed, o.name, o.org_number, o.type));
}

std::optional<boost::json::object> find_organisation(pqxx::work& tx, const Federation& fed, const std::string& id) {
  return maybe_object(tx.exec_params(std::string("SELECT ") + kOrganisation +
                                  " FROM organisations WHERE federation_id = $1 AND id = $2",
                              fed, id));
}

boost::json::array list_organisations(pqxx::work& tx, const Federation& fed, const runtime::Page& page) {
  return objects(tx.exec_params(std::string("SELECT ") + kOrganisation +
                                 " FROM organisations WHERE federation_id = $1 AND ($2 = '' OR id > $2::uuid) "
                                 "ORDER BY id LIMIT $3",
                             fed, page.after, page.limit));
}

boost::json::object insert_participant(pqxx::work& tx, const Federation& fed, const std::string& id,
                                       const NewParticipant& p) {
  return first_object(tx.exec_params(
      std::string("INSERT INTO participants (id, federation_id, organisation_id, name, email, gender, birth_year, role) "
                  "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ") + kParticipant,
      id, fed, p.organisation_id, p.name, p.email, p.gender, static_cast<long>(p.birth_year), p.role));
}

std::optional<boost::json::object> find_participant(pqxx::work& tx, const Federation& fed, const std::string& id) {
  return maybe_object(tx.exec_params(std::string("SELECT ") + kParticipant +
                                  " FROM participants WHERE federation_id = $1 AND id = $2",
                              fed, id));
}

boost::json::array list_participants(pqxx::work& tx, const Federation& fed, const std::optional<std::string>& organisation,
                                     const runtime::Page& page) {
  return objects(tx.exec_params(std::string("SELECT ") + kParticipant +
                                 " FROM participants WHERE federation_id = $1 AND ($2::uuid IS NULL OR organisation_id = $2::uuid) "
                                 "AND ($3 = '' OR id > $3::uuid) ORDER BY id LIMIT $4",
                             fed, nullable(organisation), page.after, page.limit));
}

bool cohort_known(pqxx::work& tx, const Federation& fed, const std::string& cohort_id) {
  return !tx.exec_params("SELECT 1 FROM cohorts WHERE federation_id = $1 AND id = $2", fed, cohort_id).empty();
}

void upsert_cohort(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO cohorts (id, federation_id, programme_id, name, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on",
      string_at(e, "cohort_id"), string_at(e, "federation_id"), string_at(e, "programme_id"), string_at(e, "name"), string_at(e, "starts_on"),
      string_at(e, "ends_on"));
}

boost::json::object insert_enrolment(pqxx::work& tx, const Federation& fed, const std::string& id,
                                     const std::string& participant_id, const std::string& organisation_id,
                                     const std::string& cohort_id) {
  return first_object(tx.exec_params(
      std::string("INSERT INTO enrolments (id, federation_id, participant_id, organisation_id, cohort_id, status) "
                  "VALUES ($1, $2, $3, $4, $5, 'pending') RETURNING ") + kEnrolment,
      id, fed, participant_id, organisation_id, cohort_id));
}

std::optional<boost::json::object> find_enrolment(pqxx::work& tx, const Federation& fed, const std::string& id,
                                                  Lock lock) {
  return maybe_object(tx.exec_params(std::string("SELECT ") + kEnrolment +
                                         " FROM enrolments WHERE federation_id = $1 AND id = $2" +
                                         (lock == Lock::ForUpdate ? " FOR UPDATE" : ""),
                                     fed, id));
}

boost::json::object approve_enrolment(pqxx::work& tx, const Federation& fed, const std::string& id,
                                      const std::string& approver) {
  return first_object(tx.exec_params(std::string("UPDATE enrolments SET status = 'approved', approved_at = now(), approved_by = $3 "
                                        "WHERE federation_id = $1 AND id = $2 RETURNING ") + kEnrolment,
                            fed, id, approver));
}

boost::json::array list_enrolments(pqxx::work& tx, const Federation& fed, const std::optional<std::string>& cohort,
                                   const std::optional<std::string>& organisation, const runtime::Page& page) {
  return objects(tx.exec_params(std::string("SELECT ") + kEnrolment +
                                 " FROM enrolments WHERE federation_id = $1 AND ($2::uuid IS NULL OR cohort_id = $2::uuid) "
                                 "AND ($3::uuid IS NULL OR organisation_id = $3::uuid) "
                                 "AND ($4 = '' OR id > $4::uuid) ORDER BY id LIMIT $5",
                             fed, nullable(cohort), nullable(organisation), page.after, page.limit));
}

}  // namespace samverkan::enrolment::repo
