#pragma once
// Participants' names, for the names variant of the exports only: kept apart from every other
// table, merged by version, never logged.
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace samverkan::reporting::repo {

// participant.registered and participant.changed.
void apply_participant_name(pqxx::work& tx, const boost::json::object& data);

// The names of the cohort's (or programme's) enrolled participants, by participant id; with an
// organisation, only that organisation's participants.
std::map<std::string, std::string> names_in_cohort(pqxx::transaction_base& tx,
                                                   const std::string& fed,
                                                   const std::string& cohort_id,
                                                   const std::optional<std::string>& organisation);
std::map<std::string, std::string> names_in_programme(
    pqxx::transaction_base& tx, const std::string& fed, const std::string& programme_id,
    const std::optional<std::string>& organisation);

}  // namespace samverkan::reporting::repo
