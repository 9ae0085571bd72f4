#pragma once
// The HTTP edge: aggregates to the API's JSON, domain refusals to problem+json, and the clock.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <samverkan/http/problem.hpp>
#include <vector>

#include "../domain/model.hpp"
#include "../domain/result.hpp"

namespace samverkan::enrolment {

boost::json::object to_json(const Organisation& o);
boost::json::object to_json(const Participant& p);
boost::json::object to_json(const Enrolment& e);

template <class T>
boost::json::array to_json(const std::vector<T>& items) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& item : items) out.push_back(to_json(item));
  return out;
}

http::Problem problem(const DomainError& error);

// The value of a Result, or the domain's refusal thrown as problem+json (inside a transaction,
// which the throw rolls back).
template <class T>
T value_or_problem(Result<T> result) {
  if (!result.ok()) throw problem(result.error());
  return std::move(result).value();
}

Timestamp now();

}  // namespace samverkan::enrolment
