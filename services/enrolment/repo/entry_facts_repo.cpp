// Entry facts: appended versions in entry_facts, never updated (migration 0004).
#include "bulk_insert.hpp"
#include "repo.hpp"

namespace samverkan::enrolment::repo {

namespace {
constexpr const char* kFactColumns =
    "gender_state, gender_value, gender_source, birth_year_state, birth_year_value::text, "
    "birth_year_source, employment_state, employment_value, employment_source, education_state, "
    "education_value, education_source";

std::optional<std::string> text_at(const pqxx::row& r, int i) {
  return r[i].is_null() ? std::nullopt : std::optional<std::string>(r[i].as<std::string>());
}

// Stored values come only from validated facts (and CHECK constraints), so they parse.
template <class V, class Parse>
Fact<V> fact_from(const pqxx::row& r, int i, Parse parse) {
  Fact<V> fact;
  fact.state = fact_state_from(r[i].as<std::string>()).value_or(FactState::NotAsked);
  if (auto value = text_at(r, i + 1)) fact.value = parse(*value);
  if (auto source = text_at(r, i + 2)) fact.source = fact_source_from(*source);
  return fact;
}

template <class V, class Format>
void push_fact(Cells& cells, const Fact<V>& fact, Format format) {
  cells.emplace_back(std::string(to_string(fact.state)));
  cells.push_back(fact.value ? std::optional<std::string>(format(*fact.value)) : std::nullopt);
  cells.push_back(fact.source ? std::optional<std::string>(std::string(to_string(*fact.source)))
                              : std::nullopt);
}

std::string same(const std::string& s) { return s; }
std::string year(std::int64_t y) { return std::to_string(y); }
}  // namespace

std::optional<EntryFactsRecord> find_entry_facts(pqxx::work& tx, const FederationId& fed,
                                                 const ParticipantId& participant) {
  const auto rows = tx.exec_params(
      std::string("SELECT f.version, f.frozen_on::text, p.organisation_id, ") + kFactColumns +
          " FROM entry_facts f JOIN participants p ON p.id = f.participant_id "
          "WHERE f.federation_id = $1 AND f.participant_id = $2 ORDER BY f.version DESC LIMIT 1",
      fed.str(), participant.str());
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  EntryFactsRecord record;
  record.participant = participant;
  record.federation = fed;
  record.organisation = OrganisationId(r[2].as<std::string>());
  record.version = r[0].as<std::int64_t>();
  if (auto frozen = text_at(r, 1)) record.frozen_on = parse_date(*frozen);
  record.facts.gender = fact_from<std::string>(r, 3, same);
  record.facts.birth_year =
      fact_from<std::int64_t>(r, 6, [](const std::string& v) { return std::stoll(v); });
  record.facts.employment_status = fact_from<std::string>(r, 9, same);
  record.facts.education_level = fact_from<std::string>(r, 12, same);
  return record;
}

void append_entry_facts(pqxx::work& tx, const std::vector<EntryFactsRecord>& records,
                        const std::string& recorded_by, const std::string& reason) {
  std::vector<Cells> rows;
  rows.reserve(records.size());
  for (const auto& record : records) {
    Cells cells{record.participant.str(), std::to_string(record.version), record.federation.str(),
                record.frozen_on ? std::optional<std::string>(format_date(*record.frozen_on))
                                 : std::nullopt};
    push_fact(cells, record.facts.gender, same);
    push_fact(cells, record.facts.birth_year, year);
    push_fact(cells, record.facts.employment_status, same);
    push_fact(cells, record.facts.education_level, same);
    cells.push_back(reason.empty() ? std::nullopt : std::optional<std::string>(reason));
    cells.emplace_back(recorded_by);
    rows.push_back(std::move(cells));
  }
  insert_rows(tx,
              "INSERT INTO entry_facts (participant_id, version, federation_id, frozen_on, "
              "gender_state, gender_value, gender_source, birth_year_state, birth_year_value, "
              "birth_year_source, employment_state, employment_value, employment_source, "
              "education_state, education_value, education_source, reason, recorded_by)",
              {"::uuid", "::bigint", "", "::date", "", "", "", "", "::integer", "", "", "", "", "",
               "", "", "", ""},
              rows);
}

std::optional<Date> participant_started_on(pqxx::work& tx, const FederationId& fed,
                                           const ParticipantId& participant, Date today) {
  const auto rows = tx.exec_params(
      "SELECT min(started_on)::text FROM enrolments "
      "WHERE federation_id = $1 AND participant_id = $2 AND started_on <= $3::date",
      fed.str(), participant.str(), format_date(today));
  if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
  return parse_date(rows[0][0].as<std::string>());
}

}  // namespace samverkan::enrolment::repo
