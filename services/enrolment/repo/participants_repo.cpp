#include <samverkan/db/nullable.hpp>

#include "repo.hpp"

namespace samverkan::enrolment::repo {

namespace {
constexpr const char* kColumns =
    "id, federation_id, organisation_id, name, email, gender, birth_year, role, version";

Participant participant_from(const pqxx::row& r) {
  return {ParticipantId(r[0].as<std::string>()),
          FederationId(r[1].as<std::string>()),
          OrganisationId(r[2].as<std::string>()),
          r[3].as<std::string>(),
          r[4].as<std::string>(),
          r[5].as<std::string>(),
          r[6].as<std::int64_t>(),
          r[7].as<std::string>(),
          r[8].as<std::int64_t>()};
}
}  // namespace

void insert_participant(pqxx::work& tx, const Participant& p) {
  tx.exec_params(
      "INSERT INTO participants (id, federation_id, organisation_id, name, email, gender, "
      "birth_year, role, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      p.id.str(), p.federation.str(), p.organisation.str(), p.name, p.email, p.gender, p.birth_year,
      p.role, p.version);
}

std::optional<Participant> find_participant(pqxx::work& tx, const FederationId& fed,
                                            const ParticipantId& id) {
  const auto rows = tx.exec_params(
      std::string("SELECT ") + kColumns + " FROM participants WHERE federation_id = $1 AND id = $2",
      fed.str(), id.str());
  if (rows.empty()) return std::nullopt;
  return participant_from(rows[0]);
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
