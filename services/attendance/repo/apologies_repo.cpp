#include "apologies_repo.hpp"

#include <samverkan/db/nullable.hpp>
#include <samverkan/db/versioned_upsert.hpp>

namespace samverkan::attendance::repo {

namespace {

constexpr const char* kColumns =
    "a.id, a.session_id, a.participant_id, a.reason, a.registered_by, "
    "to_char(a.registered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

Apology apology_from(const pqxx::row& row, const ids::FederationId& fed) {
  return Apology{row[0].as<std::string>(),
                 fed,
                 ids::SessionId(row[1].as<std::string>()),
                 ids::ParticipantId(row[2].as<std::string>()),
                 row[3].as<std::string>(),
                 row[4].as<std::string>(),
                 row[5].as<std::string>()};
}

}  // namespace

std::optional<Apology> find_apology(pqxx::work& tx, const ids::FederationId& fed,
                                    const ids::SessionId& session,
                                    const ids::ParticipantId& participant) {
  const auto rows = tx.exec_params(std::string("SELECT ") + kColumns +
                                       " FROM apologies a WHERE a.federation_id = $1 AND "
                                       "a.session_id = $2 AND a.participant_id = $3",
                                   fed.str(), session.str(), participant.str());
  if (rows.empty()) return std::nullopt;
  return apology_from(rows[0], fed);
}

bool insert_apology(pqxx::work& tx, const Apology& a) {
  const auto result = tx.exec_params(
      "INSERT INTO apologies (id, federation_id, session_id, participant_id, reason, "
      "registered_by, registered_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
      "ON CONFLICT (session_id, participant_id) DO NOTHING",
      a.id, a.federation.str(), a.session.str(), a.participant.str(), a.reason, a.registered_by,
      a.registered_at);
  return result.affected_rows() == 1;
}

std::optional<std::vector<Apology>> list_apologies(pqxx::work& tx, const ids::FederationId& fed,
                                                   const ids::SessionId& session,
                                                   const ApologyFilter& filter) {
  if (tx.exec_params("SELECT 1 FROM sessions WHERE federation_id = $1 AND id = $2", fed.str(),
                     session.str())
          .empty()) {
    return std::nullopt;
  }
  std::optional<std::string> organisation, participant;
  if (filter.organisation) organisation = filter.organisation->str();
  if (filter.participant) participant = filter.participant->str();
  const auto rows = tx.exec_params(
      std::string("SELECT ") + kColumns +
          " FROM apologies a JOIN sessions s ON s.id = a.session_id "
          "WHERE a.federation_id = $1 AND a.session_id = $2 "
          "AND ($4::uuid IS NULL OR a.participant_id = $4::uuid) "
          "AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM enrolments e WHERE e.federation_id = $1 "
          "AND e.participant_id = a.participant_id AND e.cohort_id = s.cohort_id "
          "AND e.organisation_id = $3::uuid)) ORDER BY a.participant_id",
      fed.str(), session.str(), db::nullable(organisation), db::nullable(participant));
  std::vector<Apology> apologies;
  apologies.reserve(rows.size());
  for (const auto& row : rows) apologies.push_back(apology_from(row, fed));
  return apologies;
}

std::optional<ids::ParticipantId> participant_of_subject(pqxx::work& tx,
                                                         const ids::FederationId& fed,
                                                         const std::string& subject) {
  const auto rows = tx.exec_params(
      "SELECT id FROM participant_links WHERE federation_id = $1 AND subject = $2 "
      "ORDER BY version DESC LIMIT 1",
      fed.str(), subject);
  if (rows.empty()) return std::nullopt;
  return ids::ParticipantId(rows[0][0].as<std::string>());
}

bool upsert_participant_link(pqxx::work& tx, const ParticipantLink& link) {
  return db::upsert_if_newer(tx, {"participant_links",
                                  "id",
                                  {{"id", link.participant.str()},
                                   {"federation_id", link.federation.str()},
                                   {"subject", link.subject}},
                                  link.version});
}

}  // namespace samverkan::attendance::repo
