#pragma once
// Participant logins: the participant a token subject is linked to (ADR 0061), so a participant
// token sees its own progress and nobody else's.
#include <boost/json/object.hpp>
#include <optional>
#include <pqxx/pqxx>
#include <string>

namespace samverkan::reporting::repo {

// From participant.registered or participant.changed: the link at the event's version.
void apply_participant_link(pqxx::work& tx, const boost::json::object& e);
std::optional<std::string> participant_of_subject(pqxx::transaction_base& tx,
                                                  const std::string& federation,
                                                  const std::string& subject);

}  // namespace samverkan::reporting::repo
