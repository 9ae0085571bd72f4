#include "repo.hpp"

namespace samverkan::enrolment::repo {

namespace {
constexpr const char* kColumns = "id, federation_id, name, org_number, type, version";

Organisation organisation_from(const pqxx::row& r) {
  return {OrganisationId(r[0].as<std::string>()),
          FederationId(r[1].as<std::string>()),
          r[2].as<std::string>(),
          r[3].as<std::string>(),
          r[4].as<std::string>(),
          r[5].as<std::int64_t>()};
}
}  // namespace

void insert_organisation(pqxx::work& tx, const Organisation& o) {
  tx.exec_params(
      "INSERT INTO organisations (id, federation_id, name, org_number, type, version) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      o.id.str(), o.federation.str(), o.name, o.org_number, o.type, o.version);
}

std::optional<Organisation> find_organisation(pqxx::work& tx, const FederationId& fed,
                                              const OrganisationId& id) {
  const auto rows = tx.exec_params(std::string("SELECT ") + kColumns +
                                       " FROM organisations WHERE federation_id = $1 AND id = $2",
                                   fed.str(), id.str());
  if (rows.empty()) return std::nullopt;
  return organisation_from(rows[0]);
}

std::vector<Organisation> list_organisations(pqxx::work& tx, const FederationId& fed,
                                             const runtime::Page& page) {
  std::vector<Organisation> out;
  for (const auto& r : tx.exec_params(std::string("SELECT ") + kColumns +
                                          " FROM organisations WHERE federation_id = $1 "
                                          "AND ($2 = '' OR id > $2::uuid) ORDER BY id LIMIT $3",
                                      fed.str(), page.after, page.limit)) {
    out.push_back(organisation_from(r));
  }
  return out;
}

}  // namespace samverkan::enrolment::repo
