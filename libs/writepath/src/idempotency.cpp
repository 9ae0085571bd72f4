#include "idempotency.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "sha256.hpp"

namespace samverkan::writepath::detail {

std::string fingerprint(const http::Request& request) {
  const std::string method(http::to_string(request.method));
  // Lengths first, so no two different (method, path, body) triples concatenate alike.
  const std::string lengths =
      std::to_string(method.size()) + ":" + std::to_string(request.path.size()) + ":";
  return to_hex(sha256({lengths, method, request.path, request.body}));
}

std::optional<StoredResponse> claim_key(pqxx::work& tx, const KeyScope& scope,
                                        const std::string& fingerprint) {
  const auto claimed = tx.exec_params(
      "INSERT INTO idempotency_keys (federation_id, subject, key, fingerprint) VALUES ($1, $2, $3, "
      "$4)"
      " ON CONFLICT DO NOTHING",
      scope.federation, scope.subject, scope.key, fingerprint);
  if (claimed.affected_rows() == 1) return std::nullopt;
  // A new statement sees what the other transaction committed while this one waited.
  const auto rows = tx.exec_params(
      "SELECT fingerprint, status, content_type, body, headers::text FROM idempotency_keys"
      " WHERE federation_id = $1 AND subject = $2 AND key = $3",
      scope.federation, scope.subject, scope.key);
  if (rows.empty()) {
    // Purged between the two statements: rare enough that a retry by the client is the answer.
    throw pqxx::serialization_failure("idempotency key vanished while it was read");
  }
  StoredResponse stored;
  stored.fingerprint = rows[0][0].as<std::string>();
  stored.response.status = rows[0][1].as<int>();
  stored.response.content_type = rows[0][2].as<std::string>();
  stored.response.body = rows[0][3].as<std::string>();
  const boost::json::value headers = boost::json::parse(rows[0][4].c_str());
  for (const auto& pair : headers.as_array()) {
    const auto& p = pair.as_array();
    stored.response.headers.emplace_back(std::string(p.at(0).as_string()),
                                         std::string(p.at(1).as_string()));
  }
  return stored;
}

void store_response(pqxx::work& tx, const KeyScope& scope, const http::Response& response) {
  boost::json::array headers;
  for (const auto& [name, value] : response.headers)
    headers.push_back(boost::json::array{name, value});
  tx.exec_params(
      "UPDATE idempotency_keys SET status = $4, content_type = $5, body = $6, headers = $7::jsonb"
      " WHERE federation_id = $1 AND subject = $2 AND key = $3",
      scope.federation, scope.subject, scope.key, response.status, response.content_type,
      response.body, boost::json::serialize(headers));
}

}  // namespace samverkan::writepath::detail
