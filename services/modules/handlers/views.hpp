#pragma once
// The API's JSON shapes of the aggregates (schemas/openapi/modules.yaml), built here at the HTTP
// edge and nowhere else, and how a domain error is answered.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <samverkan/auth/principal.hpp>
#include <samverkan/writepath/unit_of_work.hpp>
#include <vector>

#include "../domain/aggregates.hpp"
#include "../domain/decision.hpp"
#include "../repo/sessions_repo.hpp"

namespace samverkan::modules {

boost::json::object to_json(const Programme& p);
boost::json::object to_json(const Cohort& c);
boost::json::object to_json(const Module& m);
boost::json::object to_json(const repo::SessionRow& row);

template <class T>
boost::json::array to_json(const std::vector<T>& items) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

// Invalid 400, NotFound 404, Conflict 409, Unprocessable 422.
[[noreturn]] void answer(const DomainError& error);

// The actor of a request: its federation (the tenant, from the token only) and subject.
Actor actor_of(const auth::Principal& who);
// A fresh id and the current time for a decision.
Context new_context();

// The audit entry of a creation: no version before, the new aggregate's version after, no reason.
writepath::AuditEntry created(const char* entity_type, const std::string& id, std::int64_t version);

}  // namespace samverkan::modules
