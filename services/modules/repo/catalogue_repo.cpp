#include "catalogue_repo.hpp"

#include <samverkan/db/nullable.hpp>

namespace samverkan::modules::repo {

namespace {

using db::nullable;

std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

// Columns in the order each from_row reads them. Times as whole seconds since the epoch.
constexpr const char* kProgrammeColumns =
    "id, title, description, funder, floor(extract(epoch FROM created_at))::bigint, version";
constexpr const char* kCohortColumns =
    "id, programme_id, name, to_char(starts_on, 'YYYY-MM-DD'), to_char(ends_on, 'YYYY-MM-DD'), "
    "version";
constexpr const char* kModuleColumns =
    "id, programme_id, code, title, mandatory, planned_hours, version";

Programme programme_from(const pqxx::row& r, const ids::FederationId& fed) {
  return {ids::ProgrammeId(r[0].as<std::string>()),
          fed,
          r[1].as<std::string>(),
          optional_text(r[2]),
          optional_text(r[3]),
          r[4].as<std::int64_t>(),
          r[5].as<std::int64_t>()};
}

Cohort cohort_from(const pqxx::row& r, const ids::FederationId& fed) {
  return {ids::CohortId(r[0].as<std::string>()),
          fed,
          ids::ProgrammeId(r[1].as<std::string>()),
          r[2].as<std::string>(),
          r[3].as<std::string>(),
          r[4].as<std::string>(),
          r[5].as<std::int64_t>()};
}

Module module_from(const pqxx::row& r, const ids::FederationId& fed) {
  return {ids::ModuleId(r[0].as<std::string>()),
          fed,
          ids::ProgrammeId(r[1].as<std::string>()),
          r[2].as<std::string>(),
          r[3].as<std::string>(),
          r[4].as<bool>(),
          r[5].as<std::int64_t>(),
          r[6].as<std::int64_t>()};
}

template <class T, class From>
std::vector<T> all(const pqxx::result& rows, const ids::FederationId& fed, From from) {
  std::vector<T> items;
  items.reserve(rows.size());
  for (const auto& row : rows) items.push_back(from(row, fed));
  return items;
}

}  // namespace

void insert_programme(pqxx::transaction_base& tx, const Programme& p) {
  tx.exec_params(
      "INSERT INTO programmes (id, federation_id, title, description, funder, created_at, version) "
      "VALUES ($1, $2, $3, $4, $5, to_timestamp($6), $7)",
      p.id.str(), p.federation.str(), p.title, nullable(p.description), nullable(p.funder),
      p.created_at, p.version);
}

std::optional<Programme> find_programme(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                        const ids::ProgrammeId& id) {
  auto rows = tx.exec_params(std::string("SELECT ") + kProgrammeColumns +
                                 " FROM programmes WHERE federation_id = $1 AND id = $2",
                             fed.str(), id.str());
  if (rows.empty()) return std::nullopt;
  return programme_from(rows[0], fed);
}

std::vector<Programme> list_programmes(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                       const runtime::Page& page) {
  // The hot read: one statement, and the first page without the cursor test, so PostgreSQL plans
  // the plainest query (an index range scan on programmes_by_federation).
  static const std::string first = std::string("SELECT ") + kProgrammeColumns +
                                   " FROM programmes WHERE federation_id = $1 ORDER BY id LIMIT $2";
  static const std::string next =
      std::string("SELECT ") + kProgrammeColumns +
      " FROM programmes WHERE federation_id = $1 AND id > $2 ORDER BY id LIMIT $3";
  const auto rows = page.after.empty() ? tx.exec_params(first, fed.str(), page.limit)
                                       : tx.exec_params(next, fed.str(), page.after, page.limit);
  return all<Programme>(rows, fed, programme_from);
}

void insert_cohort(pqxx::transaction_base& tx, const Cohort& c) {
  tx.exec_params(
      "INSERT INTO cohorts (id, federation_id, programme_id, name, starts_on, ends_on, version) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7)",
      c.id.str(), c.federation.str(), c.programme.str(), c.name, c.starts_on, c.ends_on, c.version);
}

std::optional<Cohort> find_cohort(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                  const ids::CohortId& id) {
  auto rows = tx.exec_params(std::string("SELECT ") + kCohortColumns +
                                 " FROM cohorts WHERE federation_id = $1 AND id = $2",
                             fed.str(), id.str());
  if (rows.empty()) return std::nullopt;
  return cohort_from(rows[0], fed);
}

std::vector<Cohort> list_cohorts(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                 const ids::ProgrammeId& programme, const runtime::Page& page) {
  return all<Cohort>(
      tx.exec_params(std::string("SELECT ") + kCohortColumns +
                         " FROM cohorts WHERE federation_id = $1 AND programme_id = $2 "
                         "AND ($3 = '' OR id > $3::uuid) ORDER BY id LIMIT $4",
                     fed.str(), programme.str(), page.after, page.limit),
      fed, cohort_from);
}

void insert_module(pqxx::transaction_base& tx, const Module& m) {
  tx.exec_params(
      "INSERT INTO modules (id, federation_id, programme_id, code, title, mandatory, "
      "planned_hours, version) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      m.id.str(), m.federation.str(), m.programme.str(), m.code, m.title, m.mandatory,
      m.planned_hours, m.version);
}

std::optional<Module> find_module(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                  const ids::ModuleId& id) {
  auto rows = tx.exec_params(std::string("SELECT ") + kModuleColumns +
                                 " FROM modules WHERE federation_id = $1 AND id = $2",
                             fed.str(), id.str());
  if (rows.empty()) return std::nullopt;
  return module_from(rows[0], fed);
}

std::vector<Module> list_modules(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                 const ids::ProgrammeId& programme, const runtime::Page& page) {
  return all<Module>(
      tx.exec_params(std::string("SELECT ") + kModuleColumns +
                         " FROM modules WHERE federation_id = $1 AND programme_id = $2 "
                         "AND ($3 = '' OR id > $3::uuid) ORDER BY id LIMIT $4",
                     fed.str(), programme.str(), page.after, page.limit),
      fed, module_from);
}

}  // namespace samverkan::modules::repo
