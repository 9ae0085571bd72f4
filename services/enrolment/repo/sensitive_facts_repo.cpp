// Sensitive categories (migration 0005, ADR 0070): one current row per participant, and the last
// counts published per cohort.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <samverkan/db/nullable.hpp>

#include "repo.hpp"

namespace samverkan::enrolment::repo {

namespace {
using db::nullable;

constexpr const char* kColumns =
    "disability_state, disability_value::text, foreign_background_state, "
    "foreign_background_value::text, minority_state, minority_value::text";

SensitiveFact fact_at(const pqxx::row& r, int i) {
  SensitiveFact fact;
  fact.state = fact_state_from(r[i].as<std::string>()).value_or(FactState::NotAsked);
  if (!r[i + 1].is_null()) fact.value = r[i + 1].as<std::string>() == "true";
  return fact;
}

SensitiveFacts facts_at(const pqxx::row& r, int first) {
  return {fact_at(r, first), fact_at(r, first + 2), fact_at(r, first + 4)};
}

std::optional<std::string> value_text(const SensitiveFact& fact) {
  if (!fact.value) return std::nullopt;
  return std::string(*fact.value ? "true" : "false");
}

std::string state_text(const SensitiveFact& fact) { return std::string(to_string(fact.state)); }

boost::json::object counts_json(const SensitiveCounts& counts) {
  boost::json::object out;
  for (const auto category : kSensitiveCategories) {
    const auto& c = counts.of(category);
    out[to_string(category)] = boost::json::object{
        {"yes", c.yes}, {"no", c.no}, {"declined", c.declined}, {"not_asked", c.not_asked}};
  }
  return out;
}

CategoryCounts category_from(const boost::json::object& all, std::string_view name) {
  const auto* c = all.if_contains(name);
  if (c == nullptr || !c->is_object()) return {};
  const auto& o = c->as_object();
  const auto n = [&o](const char* key) {
    const auto* v = o.if_contains(key);
    return v != nullptr && v->is_int64() ? v->as_int64() : 0;
  };
  return {n("yes"), n("no"), n("declined"), n("not_asked")};
}
}  // namespace

std::optional<SensitiveFactsRecord> find_sensitive_facts(pqxx::work& tx, const FederationId& fed,
                                                         const ParticipantId& participant) {
  const auto rows = tx.exec_params(std::string("SELECT version, ") + kColumns +
                                       " FROM sensitive_facts WHERE federation_id = $1 AND "
                                       "participant_id = $2",
                                   fed.str(), participant.str());
  if (rows.empty()) return std::nullopt;
  return SensitiveFactsRecord{participant, fed, rows[0][0].as<std::int64_t>(),
                              facts_at(rows[0], 1)};
}

void store_sensitive_facts(pqxx::work& tx, const SensitiveFactsRecord& next) {
  const auto& f = next.facts;
  tx.exec_params(
      "INSERT INTO sensitive_facts (participant_id, federation_id, disability_state, "
      "disability_value, foreign_background_state, foreign_background_value, minority_state, "
      "minority_value, version) VALUES ($1, $2, $3, $4::boolean, $5, $6::boolean, $7, "
      "$8::boolean, $9) "
      "ON CONFLICT (participant_id) DO UPDATE SET disability_state = EXCLUDED.disability_state, "
      "disability_value = EXCLUDED.disability_value, "
      "foreign_background_state = EXCLUDED.foreign_background_state, "
      "foreign_background_value = EXCLUDED.foreign_background_value, "
      "minority_state = EXCLUDED.minority_state, minority_value = EXCLUDED.minority_value, "
      "version = EXCLUDED.version, changed_at = now()",
      next.participant.str(), next.federation.str(), state_text(f.disability),
      nullable(value_text(f.disability)), state_text(f.foreign_background),
      nullable(value_text(f.foreign_background)), state_text(f.minority),
      nullable(value_text(f.minority)), next.version);
}

bool sensitive_categories_collected(pqxx::work& tx, const FederationId& fed,
                                    const ParticipantId& participant) {
  return tx
      .exec_params(
          "SELECT EXISTS (SELECT 1 FROM enrolments e JOIN cohorts c ON c.id = e.cohort_id "
          "JOIN programmes p ON p.id = c.programme_id AND p.federation_id = c.federation_id "
          "WHERE e.federation_id = $1 AND e.participant_id = $2 "
          "AND e.status NOT IN ('rejected', 'withdrawn') AND p.sensitive_categories)",
          fed.str(), participant.str())[0][0]
      .as<bool>();
}

std::vector<CohortId> approved_cohorts(pqxx::work& tx, const FederationId& fed,
                                       const ParticipantId& participant) {
  std::vector<CohortId> cohorts;
  for (const auto& r : tx.exec_params("SELECT cohort_id FROM enrolments WHERE federation_id = $1 "
                                      "AND participant_id = $2 AND status = 'approved' "
                                      "ORDER BY cohort_id",
                                      fed.str(), participant.str())) {
    cohorts.emplace_back(r[0].as<std::string>());
  }
  return cohorts;
}

std::optional<CohortSensitiveCounts> lock_sensitive_counts(pqxx::work& tx, const FederationId& fed,
                                                           const CohortId& cohort) {
  const auto programme = tx.exec_params(
      "SELECT c.programme_id FROM cohorts c JOIN programmes p ON p.id = c.programme_id "
      "AND p.federation_id = c.federation_id "
      "WHERE c.federation_id = $1 AND c.id = $2 AND p.sensitive_categories",
      fed.str(), cohort.str());
  if (programme.empty()) return std::nullopt;
  tx.exec_params(
      "INSERT INTO sensitive_counts (cohort_id, federation_id, counts, version) "
      "VALUES ($1, $2, '{}', 0) ON CONFLICT (cohort_id) DO NOTHING",
      cohort.str(), fed.str());
  const auto rows = tx.exec_params(
      "SELECT counts::text, version FROM sensitive_counts WHERE federation_id = $1 AND "
      "cohort_id = $2 FOR UPDATE",
      fed.str(), cohort.str());
  if (rows.empty()) return std::nullopt;  // another federation's cohort id
  CohortSensitiveCounts current{fed, cohort, ids::ProgrammeId(programme[0][0].as<std::string>()),
                                rows[0][1].as<std::int64_t>(), {}};
  const auto stored = boost::json::parse(rows[0][0].as<std::string>()).as_object();
  current.counts = {category_from(stored, "disability"),
                    category_from(stored, "foreign_background"), category_from(stored, "minority")};
  return current;
}

std::vector<std::optional<SensitiveFacts>> approved_sensitive_facts(pqxx::work& tx,
                                                                    const FederationId& fed,
                                                                    const CohortId& cohort) {
  std::vector<std::optional<SensitiveFacts>> all;
  for (const auto& r : tx.exec_params(
           std::string("SELECT s.version, ") + kColumns +
               " FROM enrolments e LEFT JOIN sensitive_facts s ON s.participant_id = "
               "e.participant_id WHERE e.federation_id = $1 AND e.cohort_id = $2 "
               "AND e.status = 'approved'",
           fed.str(), cohort.str())) {
    all.push_back(r[0].is_null() ? std::nullopt : std::optional(facts_at(r, 1)));
  }
  return all;
}

void store_sensitive_counts(pqxx::work& tx, const CohortSensitiveCounts& next) {
  tx.exec_params(
      "UPDATE sensitive_counts SET counts = $3::jsonb, version = $4 "
      "WHERE federation_id = $1 AND cohort_id = $2",
      next.federation.str(), next.cohort.str(), boost::json::serialize(counts_json(next.counts)),
      next.version);
}

}  // namespace samverkan::enrolment::repo
