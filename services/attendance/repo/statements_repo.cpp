#include "statements_repo.hpp"

#include <samverkan/db/nullable.hpp>
#include <stdexcept>

#include "self_study_repo.hpp"

namespace samverkan::attendance::repo {

namespace {

constexpr const char* kColumns =
    "federation_id, participant_id, month, version, state, canonical, sha256, session_minutes, "
    "self_study_minutes, confirmed_by, "
    "to_char(confirmed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

StoredStatement statement_from(const pqxx::row& row) {
  const auto state = parse_statement_state(row[4].c_str());
  if (!state) throw std::logic_error("statement row with an unknown state");
  return StoredStatement{ids::FederationId(row[0].as<std::string>()),
                         ids::ParticipantId(row[1].as<std::string>()),
                         row[2].as<std::string>(),
                         row[3].as<std::int64_t>(),
                         *state,
                         row[5].as<std::string>(),
                         row[6].as<std::string>(),
                         row[7].as<std::int64_t>(),
                         row[8].as<std::int64_t>(),
                         row[9].as<std::string>(),
                         row[10].as<std::string>()};
}

std::optional<StoredStatement> first(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return statement_from(rows[0]);
}

}  // namespace

StatementContent statement_content(pqxx::work& tx, const ids::FederationId& fed,
                                   const ids::ParticipantId& participant,
                                   const std::string& month) {
  StatementContent content{participant, month, {}, {}};
  const auto rows = tx.exec_params(
      "SELECT a.session_id, to_char(s.starts_at AT TIME ZONE s.time_zone, 'YYYY-MM-DD') AS day, "
      "a.status, a.minutes FROM attendance a JOIN sessions s ON s.id = a.session_id "
      "WHERE a.federation_id = $1 AND a.participant_id = $2 "
      "AND to_char(s.starts_at AT TIME ZONE s.time_zone, 'YYYY-MM') = $3 "
      "ORDER BY day, a.session_id",
      fed.str(), participant.str(), month);
  for (const auto& row : rows) {
    const auto status = parse_status(row[2].c_str());
    if (!status) throw std::logic_error("attendance row with an unknown status");
    content.sessions.push_back({ids::SessionId(row[0].as<std::string>()), row[1].as<std::string>(),
                                *status, row[3].as<std::int64_t>()});
  }
  content.self_study = approved_self_study(tx, fed, participant, month);
  return content;
}

std::optional<StoredStatement> latest_statement(pqxx::work& tx, const ids::FederationId& fed,
                                                const ids::ParticipantId& participant,
                                                const std::string& month) {
  return first(tx.exec_params(std::string("SELECT ") + kColumns +
                                  " FROM statements WHERE federation_id = $1 AND participant_id = "
                                  "$2 AND month = $3 ORDER BY version DESC LIMIT 1",
                              fed.str(), participant.str(), month));
}

std::optional<StoredStatement> statement_version(pqxx::work& tx, const ids::FederationId& fed,
                                                 const ids::ParticipantId& participant,
                                                 const std::string& month, std::int64_t version) {
  return first(tx.exec_params(std::string("SELECT ") + kColumns +
                                  " FROM statements WHERE federation_id = $1 AND participant_id = "
                                  "$2 AND month = $3 AND version = $4",
                              fed.str(), participant.str(), month, static_cast<long>(version)));
}

std::vector<StoredStatement> statement_versions(pqxx::work& tx, const ids::FederationId& fed,
                                                const ids::ParticipantId& participant,
                                                const std::string& month) {
  std::vector<StoredStatement> versions;
  for (const auto& row : tx.exec_params(std::string("SELECT ") + kColumns +
                                            " FROM statements WHERE federation_id = $1 AND "
                                            "participant_id = $2 AND month = $3 ORDER BY version",
                                        fed.str(), participant.str(), month)) {
    versions.push_back(statement_from(row));
  }
  return versions;
}

void insert_statement(pqxx::work& tx, const StoredStatement& s) {
  tx.exec_params(
      "INSERT INTO statements (federation_id, participant_id, month, version, state, canonical, "
      "sha256, session_minutes, self_study_minutes, confirmed_by, confirmed_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
      s.federation.str(), s.participant.str(), s.month, static_cast<long>(s.version),
      std::string(to_string(s.state)), s.canonical, s.sha256, static_cast<long>(s.session_minutes),
      static_cast<long>(s.self_study_minutes), s.confirmed_by, s.confirmed_at);
}

std::optional<StoredStatement> supersede_for_session(pqxx::work& tx, const ids::FederationId& fed,
                                                     const ids::ParticipantId& participant,
                                                     const ids::SessionId& session) {
  return first(tx.exec_params(
      std::string("UPDATE statements SET state = 'superseded' WHERE federation_id = $1 AND "
                  "participant_id = $2 AND state = 'confirmed' AND month = (SELECT "
                  "to_char(starts_at AT TIME ZONE time_zone, 'YYYY-MM') FROM sessions WHERE "
                  "federation_id = $1 AND id = $3) RETURNING ") +
          kColumns,
      fed.str(), participant.str(), session.str()));
}

std::optional<StoredStatement> supersede_month(pqxx::work& tx, const ids::FederationId& fed,
                                               const ids::ParticipantId& participant,
                                               const std::string& month) {
  return first(tx.exec_params(
      std::string("UPDATE statements SET state = 'superseded' WHERE federation_id = $1 AND "
                  "participant_id = $2 AND state = 'confirmed' AND month = $3 RETURNING ") +
          kColumns,
      fed.str(), participant.str(), month));
}

std::vector<ids::OrganisationId> organisations_of(pqxx::work& tx, const ids::FederationId& fed,
                                                  const ids::ParticipantId& participant) {
  std::vector<ids::OrganisationId> organisations;
  for (const auto& row : tx.exec_params(
           "SELECT organisation_id FROM enrolments WHERE federation_id = $1 AND participant_id = "
           "$2 GROUP BY organisation_id ORDER BY bool_or(status = 'approved') DESC, "
           "organisation_id",
           fed.str(), participant.str())) {
    organisations.emplace_back(row[0].as<std::string>());
  }
  return organisations;
}

std::vector<MonthStatus> month_status(pqxx::work& tx, const ids::FederationId& fed,
                                      const std::string& month,
                                      const std::optional<ids::OrganisationId>& organisation) {
  std::optional<std::string> org;
  if (organisation) org = organisation->str();
  // People with a record in the month, each counted under the organisation of their enrolment in
  // that session's cohort; the state of their latest stored version, if any.
  const auto rows = tx.exec_params(
      "WITH people AS (SELECT DISTINCT e.organisation_id, a.participant_id FROM attendance a "
      "JOIN sessions s ON s.id = a.session_id "
      "JOIN enrolments e ON e.federation_id = a.federation_id AND e.participant_id = "
      "a.participant_id AND e.cohort_id = s.cohort_id "
      "WHERE a.federation_id = $1 AND to_char(s.starts_at AT TIME ZONE s.time_zone, 'YYYY-MM') = "
      "$2 AND ($3::uuid IS NULL OR e.organisation_id = $3::uuid)) "
      "SELECT p.organisation_id, count(*), count(*) FILTER (WHERE l.state = 'confirmed'), "
      "count(*) FILTER (WHERE l.state = 'superseded') FROM people p "
      "LEFT JOIN LATERAL (SELECT state FROM statements WHERE federation_id = $1 AND "
      "participant_id = p.participant_id AND month = $2 ORDER BY version DESC LIMIT 1) l ON true "
      "GROUP BY p.organisation_id ORDER BY p.organisation_id",
      fed.str(), month, db::nullable(org));
  std::vector<MonthStatus> status;
  for (const auto& row : rows) {
    status.push_back({ids::OrganisationId(row[0].as<std::string>()), row[1].as<std::int64_t>(),
                      row[2].as<std::int64_t>(), row[3].as<std::int64_t>()});
  }
  return status;
}

}  // namespace samverkan::attendance::repo
