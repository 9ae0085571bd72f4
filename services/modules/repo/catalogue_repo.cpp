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
    "id, title, description, funder, floor(extract(epoch FROM created_at))::bigint, version, "
    "min_electives, max_electives, start_on_approval, rule_threshold_percent, rule_basis, "
    "rule_excused_counts, rule_self_study_counts, rule_conferences_mandatory, "
    "sensitive_categories, present_percent";
constexpr const char* kCohortColumns =
    "id, programme_id, name, to_char(starts_on, 'YYYY-MM-DD'), to_char(ends_on, 'YYYY-MM-DD'), "
    "version";
constexpr const char* kModuleColumns =
    "id, programme_id, code, title, mandatory, planned_hours, version";

ProgrammeRules rules_from(const pqxx::row& r, int first) {
  ProgrammeRules rules;
  rules.min_electives = r[first].as<std::int64_t>();
  if (!r[first + 1].is_null()) rules.max_electives = r[first + 1].as<std::int64_t>();
  rules.start_on_approval = r[first + 2].as<bool>();
  if (!r[first + 3].is_null()) {
    rules.completion =
        CompletionRule{r[first + 3].as<std::int64_t>(),
                       completion_basis_from_string(r[first + 4].as<std::string>())
                           .value_or(CompletionBasis::Sessions),
                       r[first + 5].as<bool>(), r[first + 6].as<bool>(), r[first + 7].as<bool>()};
  }
  rules.sensitive_categories = r[first + 8].as<bool>();
  rules.attendance_policy.present_percent = r[first + 9].as<std::int64_t>();
  return rules;
}

Programme programme_from(const pqxx::row& r, const ids::FederationId& fed) {
  return {ids::ProgrammeId(r[0].as<std::string>()),
          fed,
          r[1].as<std::string>(),
          optional_text(r[2]),
          optional_text(r[3]),
          r[4].as<std::int64_t>(),
          r[5].as<std::int64_t>(),
          rules_from(r, 6)};
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

void update_programme_rules(pqxx::transaction_base& tx, const Programme& p) {
  const auto& r = p.rules;
  const auto& c = r.completion;
  // libpqxx 6 binds no std::optional: NULL-able values as text (see db::nullable).
  const auto text_of = [](bool b) { return std::string(b ? "true" : "false"); };
  const auto rule = [&](auto field) -> std::optional<std::string> {
    if (!c) return std::nullopt;
    return field(*c);
  };
  const auto max_electives =
      r.max_electives ? std::optional(std::to_string(*r.max_electives)) : std::nullopt;
  const auto threshold = rule([](const auto& x) { return std::to_string(x.threshold_percent); });
  const auto basis = rule([](const auto& x) { return std::string(to_string(x.basis)); });
  const auto excused = rule([&](const auto& x) { return text_of(x.excused_counts); });
  const auto self_study = rule([&](const auto& x) { return text_of(x.self_study_counts); });
  const auto conferences = rule([&](const auto& x) { return text_of(x.conferences_mandatory); });
  tx.exec_params(
      "UPDATE programmes SET min_electives = $3, max_electives = $4::integer, "
      "start_on_approval = $5, rule_threshold_percent = $6::integer, rule_basis = $7, "
      "rule_excused_counts = $8::boolean, rule_self_study_counts = $9::boolean, "
      "rule_conferences_mandatory = $10::boolean, version = $11, sensitive_categories = $12, "
      "present_percent = $13 WHERE federation_id = $1 AND id = $2",
      p.federation.str(), p.id.str(), r.min_electives, nullable(max_electives), r.start_on_approval,
      nullable(threshold), nullable(basis), nullable(excused), nullable(self_study),
      nullable(conferences), p.version, r.sensitive_categories,
      r.attendance_policy.present_percent);
}

std::optional<Programme> lock_programme(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                        const ids::ProgrammeId& id) {
  auto rows = tx.exec_params(std::string("SELECT ") + kProgrammeColumns +
                                 " FROM programmes WHERE federation_id = $1 AND id = $2 FOR UPDATE",
                             fed.str(), id.str());
  if (rows.empty()) return std::nullopt;
  return programme_from(rows[0], fed);
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
