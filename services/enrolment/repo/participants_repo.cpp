#include <samverkan/db/nullable.hpp>

#include "bulk_insert.hpp"
#include "repo.hpp"

namespace samverkan::enrolment::repo {

namespace {
constexpr const char* kColumns =
    "id, federation_id, organisation_id, name, email, gender, birth_year, role, version, subject";

Participant participant_from(const pqxx::row& r) {
  return {ParticipantId(r[0].as<std::string>()),
          FederationId(r[1].as<std::string>()),
          OrganisationId(r[2].as<std::string>()),
          r[3].as<std::string>(),
          r[4].as<std::string>(),
          r[5].as<std::string>(),
          r[6].as<std::int64_t>(),
          r[7].as<std::string>(),
          r[8].as<std::int64_t>(),
          r[9].is_null() ? std::nullopt : std::optional<std::string>(r[9].as<std::string>())};
}

Cells cells_of(const Participant& p) {
  return {p.id.str(),
          p.federation.str(),
          p.organisation.str(),
          p.name,
          p.email,
          p.gender,
          std::to_string(p.birth_year),
          p.role,
          std::to_string(p.version),
          p.subject};
}
}  // namespace

void insert_participant(pqxx::work& tx, const Participant& p) { insert_participants(tx, {p}); }

void insert_participants(pqxx::work& tx, const std::vector<Participant>& participants) {
  std::vector<Cells> rows;
  rows.reserve(participants.size());
  for (const auto& p : participants) rows.push_back(cells_of(p));
  insert_rows(tx, std::string("INSERT INTO participants (") + kColumns + ")",
              {"::uuid", "", "::uuid", "", "", "", "::integer", "", "::bigint", ""}, rows);
}

std::optional<Participant> find_participant(pqxx::work& tx, const FederationId& fed,
                                            const ParticipantId& id) {
  const auto rows = tx.exec_params(
      std::string("SELECT ") + kColumns + " FROM participants WHERE federation_id = $1 AND id = $2",
      fed.str(), id.str());
  if (rows.empty()) return std::nullopt;
  return participant_from(rows[0]);
}

std::optional<Participant> find_participant_by_subject(pqxx::work& tx, const FederationId& fed,
                                                       const std::string& subject) {
  const auto rows =
      tx.exec_params(std::string("SELECT ") + kColumns +
                         " FROM participants WHERE federation_id = $1 AND subject = $2",
                     fed.str(), subject);
  if (rows.empty()) return std::nullopt;
  return participant_from(rows[0]);
}

bool update_participant_subject(pqxx::work& tx, const Participant& next,
                                std::int64_t expected_version) {
  const auto r = tx.exec_params(
      "UPDATE participants SET subject = $3, version = $4 "
      "WHERE federation_id = $1 AND id = $2 AND version = $5",
      next.federation.str(), next.id.str(), db::nullable(next.subject), next.version,
      expected_version);
  return r.affected_rows() == 1;
}

bool lock_organisation_for_import(pqxx::work& tx, const FederationId& fed,
                                  const OrganisationId& organisation) {
  if (!find_organisation(tx, fed, organisation)) return false;
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtextextended('participant-import:' || $1, 0))",
                 organisation.str());
  return true;
}

std::map<std::string, ParticipantId> organisation_participants_by_email(
    pqxx::work& tx, const FederationId& fed, const OrganisationId& organisation) {
  std::map<std::string, ParticipantId> out;
  for (const auto& r : tx.exec_params("SELECT lower(email), id FROM participants "
                                      "WHERE federation_id = $1 AND organisation_id = $2",
                                      fed.str(), organisation.str())) {
    out.emplace(r[0].as<std::string>(), ParticipantId(r[1].as<std::string>()));
  }
  return out;
}

std::set<std::string> organisation_enrolment_pairs(pqxx::work& tx, const FederationId& fed,
                                                   const OrganisationId& organisation) {
  std::set<std::string> out;
  for (const auto& r : tx.exec_params("SELECT participant_id::text || ' ' || cohort_id::text "
                                      "FROM enrolments WHERE federation_id = $1 "
                                      "AND organisation_id = $2",
                                      fed.str(), organisation.str())) {
    out.insert(r[0].as<std::string>());
  }
  return out;
}

std::vector<Participant> list_participants(pqxx::work& tx, const FederationId& fed,
                                           const std::optional<OrganisationId>& organisation,
                                           const runtime::Page& page) {
  const std::optional<std::string> org =
      organisation ? std::optional<std::string>(organisation->str()) : std::nullopt;
  std::vector<Participant> out;
  for (const auto& r : tx.exec_params(std::string("SELECT ") + kColumns +
                                          " FROM participants WHERE federation_id = $1 "
                                          "AND ($2::uuid IS NULL OR organisation_id = $2::uuid) "
                                          "AND ($3 = '' OR id > $3::uuid) ORDER BY id LIMIT $4",
                                      fed.str(), db::nullable(org), page.after, page.limit)) {
    out.push_back(participant_from(r));
  }
  return out;
}

}  // namespace samverkan::enrolment::repo
