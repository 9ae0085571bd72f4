#pragma once
// Reading fields of an object already validated against its schema (event data): a missing field
// or wrong type here is a bug, so these throw instead of collecting errors.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace samverkan::json {

inline std::string string_at(const boost::json::object& o, const char* key) {
  return std::string(o.at(key).as_string());
}

inline std::optional<std::string> optional_string_at(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  return std::string(v->as_string());
}

inline long integer_at(const boost::json::object& o, const char* key) {
  return static_cast<long>(o.at(key).to_number<std::int64_t>());
}

}  // namespace samverkan::json
