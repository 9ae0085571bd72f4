#pragma once
// Request-target helpers shared by the router and the server.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::http::url {

struct Target {
  std::string_view path;   // still percent-encoded
  std::string_view query;  // without the '?'
};
Target split_target(std::string_view target);

// nullopt for a malformed escape ("%", "%G1"). In query strings '+' also means space.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

// "a=1&b=x+y" -> {a: "1", b: "x y"}; a key without '=' maps to "". The first value of a repeated
// key wins. nullopt if any part is malformed.
std::optional<std::map<std::string, std::string, std::less<>>> parse_query(std::string_view query);

}  // namespace samverkan::http::url
