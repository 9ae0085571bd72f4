#pragma once
// Idempotency-Key storage (schemas/sql/common/0003_audit_and_idempotency.sql).
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/http/message.hpp>
#include <string>

namespace samverkan::writepath::detail {

struct KeyScope {
  std::string federation, subject, key;
};

struct StoredResponse {
  std::string fingerprint;
  http::Response response;
};

// SHA-256 (hex) of method, path and body: what a repeated key must match.
std::string fingerprint(const http::Request& request);

// Claims the key in tx. nullopt: claimed, go on with the write. Otherwise the response stored by
// the earlier request with this key. A concurrent claim of the same key blocks here on the
// primary key until the other transaction ends; if it committed, its response is returned.
std::optional<StoredResponse> claim_key(pqxx::work& tx, const KeyScope& scope,
                                        const std::string& fingerprint);

// Stores the response of the request that claimed the key, in the same transaction.
void store_response(pqxx::work& tx, const KeyScope& scope, const http::Response& response);

}  // namespace samverkan::writepath::detail
