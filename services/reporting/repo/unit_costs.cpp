#include "unit_costs.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "exports.hpp"

namespace samverkan::reporting::repo {

std::vector<StoredUnitCosts> read_unit_costs(pqxx::transaction_base& tx, const std::string& fed,
                                             const std::string& programme_id) {
  std::vector<StoredUnitCosts> out;
  const auto rows = tx.exec_params(
      "SELECT funder, currency, rounding, rates::text, version FROM unit_costs "
      "WHERE federation_id = $1 AND programme_id = $2::uuid ORDER BY funder",
      fed, programme_id);
  for (const auto& r : rows) {
    StoredUnitCosts s{{r[0].as<std::string>(),
                       r[1].as<std::string>(),
                       rounding_from(r[2].as<std::string>()).value_or(Rounding::Minutes),
                       {}},
                      r[4].as<std::int64_t>()};
    const auto rates = boost::json::parse(r[3].as<std::string>());
    for (const auto& rate : rates.as_array()) {
      const auto& o = rate.as_object();
      s.costs.rates.push_back({std::string(o.at("valid_from").as_string()),
                               o.at("per_hour_minor").to_number<std::int64_t>()});
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::int64_t store_unit_costs(pqxx::work& tx, const std::string& fed,
                              const std::string& programme_id, const UnitCosts& costs) {
  boost::json::array rates;
  for (const auto& rate : costs.rates) {
    rates.push_back({{"valid_from", rate.valid_from}, {"per_hour_minor", rate.per_hour_minor}});
  }
  return tx
      .exec_params1(
          "INSERT INTO unit_costs (federation_id, programme_id, funder, currency, rounding, rates, "
          "version) VALUES ($1, $2::uuid, $3, $4, $5, $6::jsonb, 1) "
          "ON CONFLICT (federation_id, programme_id, funder) DO UPDATE SET currency = "
          "EXCLUDED.currency, rounding = EXCLUDED.rounding, rates = EXCLUDED.rates, "
          "version = unit_costs.version + 1 RETURNING version",
          fed, programme_id, costs.funder, costs.currency, to_string(costs.rounding),
          boost::json::serialize(rates))[0]
      .as<std::int64_t>();
}

std::optional<std::string> programme_of_cohort(pqxx::transaction_base& tx, const std::string& fed,
                                               const std::string& cohort_id) {
  const auto rows = tx.exec_params(
      "SELECT programme_id::text FROM cohorts WHERE federation_id = $1 AND id = $2::uuid", fed,
      cohort_id);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

std::vector<ConfirmedMonth> confirmed_months(pqxx::work& tx, const std::string& fed,
                                             const std::string& cohort_id) {
  std::vector<ConfirmedMonth> months;
  stream_hours(tx, fed, cohort_id, [&](const HoursExportRow& r) {
    if (r.statement != "confirmed") return;
    months.push_back(
        {r.organisation_id, r.month, r.participant_id, r.session_minutes, r.self_study_minutes});
  });
  return months;
}

}  // namespace samverkan::reporting::repo
