#include "time_records.hpp"

#include <samverkan/db/versioned_upsert.hpp>
#include <samverkan/json/fields.hpp>

namespace samverkan::reporting::repo {

namespace {
std::int64_t version_of(const boost::json::object& data) {
  const auto* version = data.if_contains("version");
  return version != nullptr && version->is_int64() ? version->as_int64() : 1;
}
}  // namespace

void apply_self_study(pqxx::work& tx, const boost::json::object& d) {
  db::upsert_if_newer(tx, {"self_study_entries",
                           "entry_id",
                           {{"entry_id", json::string_at(d, "entry_id")},
                            {"federation_id", json::string_at(d, "federation_id")},
                            {"participant_id", json::string_at(d, "participant_id")},
                            {"organisation_id", json::string_at(d, "organisation_id")},
                            {"cohort_id", json::string_at(d, "cohort_id")},
                            {"module_id", json::string_at(d, "module_id")},
                            {"studied_on", json::string_at(d, "studied_on")},
                            {"minutes", std::to_string(d.at("minutes").to_number<std::int64_t>())},
                            {"status", json::string_at(d, "status")}},
                           version_of(d)});
}

void apply_statement(pqxx::work& tx, const boost::json::object& d) {
  const auto participant = json::string_at(d, "participant_id");
  const auto month = json::string_at(d, "month");
  db::upsert_if_newer(tx, {"statement_states",
                           "statement_key",
                           {{"statement_key", participant + "/" + month},
                            {"federation_id", json::string_at(d, "federation_id")},
                            {"participant_id", participant},
                            {"month", month},
                            {"state", json::string_at(d, "state")}},
                           version_of(d)});
}

}  // namespace samverkan::reporting::repo
