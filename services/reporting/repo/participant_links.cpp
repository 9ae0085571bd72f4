#include "participant_links.hpp"

#include <samverkan/db/versioned_upsert.hpp>
#include <samverkan/json/fields.hpp>

namespace samverkan::reporting::repo {

void apply_participant_link(pqxx::work& tx, const boost::json::object& e) {
  const auto* version = e.if_contains("version");
  db::upsert_if_newer(tx, {"participant_links",
                           "participant_id",
                           {{"participant_id", json::string_at(e, "participant_id")},
                            {"federation_id", json::string_at(e, "federation_id")},
                            {"subject", json::optional_string_at(e, "subject")}},
                           version != nullptr && version->is_int64() ? version->as_int64() : 1});
}

std::optional<std::string> participant_of_subject(pqxx::transaction_base& tx,
                                                  const std::string& federation,
                                                  const std::string& subject) {
  const auto rows = tx.exec_params(
      "SELECT participant_id::text FROM participant_links WHERE federation_id = $1 AND subject = "
      "$2",
      federation, subject);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::string>();
}

}  // namespace samverkan::reporting::repo
