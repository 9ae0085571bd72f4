#pragma once
// The reporting read model: writes from events, and the report queries. Every query filters on
// the caller's federation.
#include <boost/json/object.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace samverkan::reporting::repo {

using Federation = std::string;

// Event appliers; each is idempotent for its own event.
void apply_organisation(pqxx::work& tx, const boost::json::object& data);
void apply_participant(pqxx::work& tx, const boost::json::object& data);
void apply_cohort(pqxx::work& tx, const boost::json::object& data);
void apply_module(pqxx::work& tx, const boost::json::object& data);
void apply_session(pqxx::work& tx, const boost::json::object& data);
void apply_enrolment(pqxx::work& tx, const boost::json::object& data, const std::string& status);
void apply_attendance(pqxx::work& tx, const boost::json::object& data, const std::string& event_id);

// The participant's organisation, if reporting knows the participant.
std::optional<std::string> participant_organisation(pqxx::work& tx, const Federation& fed, const std::string& id);
// Reports are returned as the JSON text PostgreSQL built, so its decimals reach the client as written
// ("181.03", not a re-serialised double).
std::string participant_progress(pqxx::work& tx, const Federation& fed, const std::string& participant_id);

bool cohort_known(pqxx::work& tx, const Federation& fed, const std::string& cohort_id);
// organisation: only that organisation's row (for coordinators).
std::string cohort_summary(pqxx::work& tx, const Federation& fed, const std::string& cohort_id,
                                   const std::optional<std::string>& organisation);

}  // namespace samverkan::reporting::repo
