#include "sensitive_counts.hpp"

#include <samverkan/db/versioned_upsert.hpp>
#include <samverkan/json/fields.hpp>

namespace samverkan::reporting::repo {

namespace {
// Columns <category>_<answer>, in kSensitiveCategories x kSensitiveAnswers order.
std::string column(std::size_t c, std::size_t a) {
  return std::string(kSensitiveCategories[c]) + "_" + kSensitiveAnswers[a];
}
}  // namespace

void apply_sensitive_counts(pqxx::work& tx, const boost::json::object& e) {
  std::vector<std::string> names;  // the row's column names must outlive it
  for (std::size_t c = 0; c < kSensitiveCategories.size(); ++c) {
    for (std::size_t a = 0; a < kSensitiveAnswers.size(); ++a) names.push_back(column(c, a));
  }
  db::VersionedRow row{"sensitive_counts",
                       "cohort_id",
                       {{"cohort_id", json::string_at(e, "cohort_id")},
                        {"federation_id", json::string_at(e, "federation_id")},
                        {"programme_id", json::string_at(e, "programme_id")}},
                       json::integer_at(e, "version")};
  const auto& counts = e.at("counts").as_object();
  for (std::size_t c = 0; c < kSensitiveCategories.size(); ++c) {
    const auto& category = counts.at(kSensitiveCategories[c]).as_object();
    for (std::size_t a = 0; a < kSensitiveAnswers.size(); ++a) {
      row.columns.emplace_back(names[c * kSensitiveAnswers.size() + a],
                               std::to_string(json::integer_at(category, kSensitiveAnswers[a])));
    }
  }
  db::upsert_if_newer(tx, row);
}

std::vector<SensitiveCells> read_sensitive_counts(pqxx::transaction_base& tx,
                                                  const std::string& fed,
                                                  const std::string& programme_id) {
  std::string columns;
  for (std::size_t c = 0; c < kSensitiveCategories.size(); ++c) {
    for (std::size_t a = 0; a < kSensitiveAnswers.size(); ++a) {
      columns += (columns.empty() ? "" : ", ") + column(c, a);
    }
  }
  std::vector<SensitiveCells> cohorts;
  for (const auto& r : tx.exec_params("SELECT " + columns +
                                          " FROM sensitive_counts WHERE federation_id = $1 AND "
                                          "programme_id = $2 ORDER BY cohort_id",
                                      fed, programme_id)) {
    SensitiveCells cells{};
    for (std::size_t c = 0; c < cells.size(); ++c) {
      for (std::size_t a = 0; a < cells[c].size(); ++a) {
        cells[c][a] = r[static_cast<int>(c * cells[c].size() + a)].as<std::int64_t>();
      }
    }
    cohorts.push_back(cells);
  }
  return cohorts;
}

}  // namespace samverkan::reporting::repo
