#pragma once
// PostgreSQL's error text can quote row values (a unique violation's detail names the duplicate
// key, which may be an e-mail address), so logs get this description instead of what().
#include <exception>
#include <string>

namespace samverkan::db {

// "database error 23505 (unique_violation)" for SQL errors, "database connection lost" for a
// broken connection, what() for anything else.
std::string safe_description(const std::exception& error);

}  // namespace samverkan::db
