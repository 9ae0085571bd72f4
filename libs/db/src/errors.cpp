#include <samverkan/db/errors.hpp>

#include <pqxx/pqxx>
#include <typeinfo>

namespace samverkan::db {

std::string safe_description(const std::exception& error) {
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
    return "database error " + sql->sqlstate();
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr) return "database connection lost";
  if (dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr) return "database commit outcome unknown";
  return error.what();
}

}  // namespace samverkan::db
