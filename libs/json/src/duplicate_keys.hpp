#pragma once
// Boost.JSON's parser keeps the last of repeated keys in an object, silently. A request body
// with {"status": "present", "status": "absent"} would then mean something other than what a
// proxy, a log or a client library that keeps the first one sees, so bodies with repeated keys
// are refused instead.
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::json::detail {

struct DuplicateScan {
  bool valid = false;              // false: not JSON, or nested deeper than max_depth
  std::optional<std::string> key;  // the first key repeated within one object
};

// One pass of Boost.JSON's SAX parser that builds nothing but the keys of the open objects.
DuplicateScan find_duplicate_key(std::string_view text, std::size_t max_depth);

}  // namespace samverkan::json::detail
