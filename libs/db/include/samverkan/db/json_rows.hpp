#pragma once
// Repositories let PostgreSQL build the API's JSON shape (json_build_object(...)::text in the
// first column); these read such results back.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <optional>
#include <pqxx/pqxx>

namespace samverkan::db {

inline boost::json::object first_object(const pqxx::result& rows) {
  return boost::json::parse(rows.at(0)[0].c_str()).as_object();
}

inline std::optional<boost::json::object> maybe_object(const pqxx::result& rows) {
  if (rows.empty()) return std::nullopt;
  return first_object(rows);
}

inline boost::json::array objects(const pqxx::result& rows) {
  boost::json::array items;
  items.reserve(rows.size());
  for (const auto& row : rows) items.push_back(boost::json::parse(row[0].c_str()));
  return items;
}

}  // namespace samverkan::db
