#pragma once
// SQL for monthly time statements: the month's lines from the records, the stored versions, and
// the confirmation status per organisation. Every query filters on the caller's federation.
#include <optional>
#include <pqxx/pqxx>
#include <vector>

#include "../domain/statement.hpp"

namespace samverkan::attendance::repo {

// The participant's records at sessions whose local start date is in the month, and their
// approved self-study of the month.
StatementContent statement_content(pqxx::work& tx, const ids::FederationId& fed,
                                   const ids::ParticipantId& participant, const std::string& month);

std::optional<StoredStatement> latest_statement(pqxx::work& tx, const ids::FederationId& fed,
                                                const ids::ParticipantId& participant,
                                                const std::string& month);
std::optional<StoredStatement> statement_version(pqxx::work& tx, const ids::FederationId& fed,
                                                 const ids::ParticipantId& participant,
                                                 const std::string& month, std::int64_t version);
// Every stored version of the month, oldest first.
std::vector<StoredStatement> statement_versions(pqxx::work& tx, const ids::FederationId& fed,
                                                const ids::ParticipantId& participant,
                                                const std::string& month);
// A unique violation (the same version confirmed at once) is answered 409 by the write path.
void insert_statement(pqxx::work& tx, const StoredStatement& statement);

// Supersedes the confirmed version of the month the session starts in (local date), if any, and
// returns it as it is now. Called for every change of a mark.
std::optional<StoredStatement> supersede_for_session(pqxx::work& tx, const ids::FederationId& fed,
                                                     const ids::ParticipantId& participant,
                                                     const ids::SessionId& session);

// The same for a month named directly (an approved self-study entry of that month).
std::optional<StoredStatement> supersede_month(pqxx::work& tx, const ids::FederationId& fed,
                                               const ids::ParticipantId& participant,
                                               const std::string& month);

// The organisations the participant is enrolled through (any cohort, approved first); empty when
// attendance knows no enrolment.
std::vector<ids::OrganisationId> organisations_of(pqxx::work& tx, const ids::FederationId& fed,
                                                  const ids::ParticipantId& participant);

// Per organisation: participants with a record in the month, and how many of them have the
// latest version confirmed or superseded (the rest have confirmed nothing yet).
struct MonthStatus {
  ids::OrganisationId organisation;
  std::int64_t participants = 0, confirmed = 0, superseded = 0;
};
std::vector<MonthStatus> month_status(pqxx::work& tx, const ids::FederationId& fed,
                                      const std::string& month,
                                      const std::optional<ids::OrganisationId>& organisation);

}  // namespace samverkan::attendance::repo
