#include "indicators.hpp"

#include "entry_fact_sql.hpp"

namespace samverkan::reporting::repo {

namespace {

const std::string kPeopleSql =
    std::string("SELECT e.participant_id::text, COALESCE(p.organisation_id, e.organisation_id)::text,"
                " o.type, to_char(") +
    kStartedOnSql + ", 'YYYY-MM-DD'), " + kEntryFactColumnsSql +
    " FROM enrolments e"
    " JOIN cohorts c ON c.id = e.cohort_id AND c.federation_id = e.federation_id"
    " LEFT JOIN participants p ON p.id = e.participant_id AND p.federation_id = e.federation_id"
    " LEFT JOIN organisations o ON o.id = COALESCE(p.organisation_id, e.organisation_id)"
    "  AND o.federation_id = e.federation_id"
    " LEFT JOIN entry_facts f ON f.participant_id = e.participant_id"
    "  AND f.federation_id = e.federation_id"
    " WHERE e.federation_id = {fed} AND c.programme_id = {programme}::uuid"
    "  AND e.status IN ('approved', 'withdrawn')"
    " ORDER BY e.participant_id";

}  // namespace

bool for_each_indicator_person(pqxx::work& tx, const std::string& fed,
                               const std::string& programme_id,
                               const std::function<void(IndicatorPerson)>& fn) {
  tx.exec0("SET LOCAL jit = off");
  const auto known = tx.exec_params1(
      "SELECT EXISTS (SELECT 1 FROM programmes WHERE federation_id = $1 AND id = $2::uuid) OR "
      "EXISTS (SELECT 1 FROM cohorts WHERE federation_id = $1 AND programme_id = $2::uuid)",
      fed, programme_id);
  if (!known[0].as<bool>()) return false;
  // A cursor takes no parameters: the two values are quoted into the text.
  std::string query = kPeopleSql;
  query.replace(query.find("{fed}"), 5, tx.quote(fed));
  query.replace(query.find("{programme}"), 11, tx.quote(programme_id));
  tx.exec0("DECLARE indicator_people NO SCROLL CURSOR FOR " + query);
  for (;;) {
    const auto rows = tx.exec("FETCH FORWARD 2000 FROM indicator_people");
    if (rows.empty()) break;
    for (const auto& row : rows) {
      IndicatorPerson p{row[0].as<std::string>(), row[1].as<std::string>(), nullable_text(row[2]),
                        nullable_text(row[3]), std::nullopt};
      if (row[4].as<bool>()) {
        p.facts = entry_facts_at(row, 5);
      }
      fn(std::move(p));
    }
  }
  tx.exec0("CLOSE indicator_people");
  return true;
}

std::optional<std::vector<IndicatorPerson>> read_indicator_people(pqxx::work& tx,
                                                                  const std::string& fed,
                                                                  const std::string& programme_id) {
  std::vector<IndicatorPerson> people;
  if (!for_each_indicator_person(tx, fed, programme_id,
                                 [&](IndicatorPerson p) { people.push_back(std::move(p)); })) {
    return std::nullopt;
  }
  return people;
}

}  // namespace samverkan::reporting::repo
