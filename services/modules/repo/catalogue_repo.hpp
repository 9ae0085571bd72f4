#pragma once
// SQL for the catalogue. Every function takes the caller's federation and filters on it, so a
// row of another federation is indistinguishable from a missing one. Reads return the API shape
// built by PostgreSQL (json_build_object), which keeps the mapping in one place.
#include "../domain/catalogue.hpp"

#include <samverkan/runtime/paging.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace samverkan::modules::repo {

using Federation = std::string;

boost::json::object insert_programme(pqxx::work& tx, const Federation& fed, const std::string& id,
                                     const NewProgramme& p);
std::optional<boost::json::object> find_programme(pqxx::work& tx, const Federation& fed, const std::string& id);
boost::json::array list_programmes(pqxx::work& tx, const Federation& fed, const runtime::Page& page);

boost::json::object insert_cohort(pqxx::work& tx, const Federation& fed, const std::string& id,
                                  const std::string& programme_id, const NewCohort& c);
boost::json::array list_cohorts(pqxx::work& tx, const Federation& fed, const std::string& programme_id,
                                const runtime::Page& page);
std::optional<boost::json::object> find_cohort(pqxx::work& tx, const Federation& fed, const std::string& id);
// The cohort's programme, if the cohort exists in this federation.
std::optional<std::string> cohort_programme(pqxx::work& tx, const Federation& fed, const std::string& cohort_id);

boost::json::object insert_module(pqxx::work& tx, const Federation& fed, const std::string& id,
                                  const std::string& programme_id, const NewModule& m);
boost::json::array list_modules(pqxx::work& tx, const Federation& fed, const std::string& programme_id,
                                const runtime::Page& page);
// The module's programme, if the module exists in this federation.
std::optional<std::string> module_programme(pqxx::work& tx, const Federation& fed, const std::string& module_id);

bool is_time_zone(pqxx::work& tx, const std::string& name);
boost::json::object insert_session(pqxx::work& tx, const Federation& fed, const std::string& id,
                                   const std::string& cohort_id, const NewSession& s);
// True if id is a session of this cohort in this federation (a valid paging cursor).
bool session_in_cohort(pqxx::work& tx, const Federation& fed, const std::string& cohort_id, const std::string& id);
boost::json::array list_sessions(pqxx::work& tx, const Federation& fed, const std::string& cohort_id,
                                 const runtime::Page& page);


}  // namespace samverkan::modules::repo
