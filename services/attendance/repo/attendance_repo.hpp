#pragma once
// SQL for attendance records, their revisions and the session/enrolment replicas. Every function
// filters on the caller's federation.
#include "../domain/attendance.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace samverkan::attendance::repo {

using Federation = std::string;

struct Session {
  std::string cohort_id;
  std::optional<std::string> module_id;
  std::int64_t minutes = 0;
};
std::optional<Session> find_session(pqxx::work& tx, const Federation& fed, const std::string& session_id);
// The organisation of the participant's approved enrolment in the cohort, if any.
std::optional<std::string> approved_enrolment(pqxx::work& tx, const Federation& fed, const std::string& participant_id,
                                              const std::string& cohort_id);

struct Current {
  std::string id;
  Resolved mark;
  std::int64_t revision = 0;
};
// Locks the (session, participant) pair, and its record if any, for the rest of the transaction.
std::optional<Current> find_record_for_update(pqxx::work& tx, const Federation& fed, const std::string& session_id,
                                              const std::string& participant_id);
// Writes a new revision (1 for a new record) and returns the record as the API shows it.
boost::json::object write_revision(pqxx::work& tx, const Federation& fed, const std::string& record_id,
                                   const std::string& session_id, const std::string& participant_id,
                                   const Resolved& mark, std::int64_t revision, const std::string& recorded_by);
boost::json::object record(pqxx::work& tx, const std::string& record_id);
// organisation: only participants enrolled through that organisation.
boost::json::array list_for_session(pqxx::work& tx, const Federation& fed, const std::string& session_id,
                                    const std::optional<std::string>& organisation);

void upsert_session(pqxx::work& tx, const boost::json::object& session_scheduled);
void upsert_approved_enrolment(pqxx::work& tx, const boost::json::object& enrolment_approved);

}  // namespace samverkan::attendance::repo
