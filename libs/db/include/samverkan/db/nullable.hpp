#pragma once
// libpqxx 6 has no std::optional parameters; a null const char* binds as SQL NULL.
#include <optional>
#include <string>

namespace samverkan::db {

inline const char* nullable(const std::optional<std::string>& value) {
  return value ? value->c_str() : nullptr;
}

}  // namespace samverkan::db
