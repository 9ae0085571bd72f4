#pragma once
// SQL for organisations, participants, enrolments and the cohort replica. Every function filters
// on the caller's federation. Reads return the API shape built by PostgreSQL.
#include "../domain/enrolment.hpp"

#include <samverkan/runtime/paging.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace samverkan::enrolment::repo {

using Federation = std::string;

boost::json::object insert_organisation(pqxx::work& tx, const Federation& fed, const std::string& id,
                                        const NewOrganisation& o);
std::optional<boost::json::object> find_organisation(pqxx::work& tx, const Federation& fed, const std::string& id);
boost::json::array list_organisations(pqxx::work& tx, const Federation& fed, const runtime::Page& page);

boost::json::object insert_participant(pqxx::work& tx, const Federation& fed, const std::string& id,
                                       const NewParticipant& p);
std::optional<boost::json::object> find_participant(pqxx::work& tx, const Federation& fed, const std::string& id);
// organisation: only that organisation's participants (for coordinators and filters).
boost::json::array list_participants(pqxx::work& tx, const Federation& fed, const std::optional<std::string>& organisation,
                                     const runtime::Page& page);

bool cohort_known(pqxx::work& tx, const Federation& fed, const std::string& cohort_id);
void upsert_cohort(pqxx::work& tx, const boost::json::object& cohort_created);

boost::json::object insert_enrolment(pqxx::work& tx, const Federation& fed, const std::string& id,
                                     const std::string& participant_id, const std::string& organisation_id,
                                     const std::string& cohort_id);
enum class Lock { None, ForUpdate };
// nullopt when absent in this federation.
std::optional<boost::json::object> find_enrolment(pqxx::work& tx, const Federation& fed, const std::string& id,
                                                  Lock lock = Lock::None);
boost::json::object approve_enrolment(pqxx::work& tx, const Federation& fed, const std::string& id,
                                      const std::string& approver);
boost::json::array list_enrolments(pqxx::work& tx, const Federation& fed, const std::optional<std::string>& cohort,
                                   const std::optional<std::string>& organisation, const runtime::Page& page);

}  // namespace samverkan::enrolment::repo
