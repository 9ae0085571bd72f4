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

struct Query {
  std::map<std::string, std::string, std::less<>> values;
  bool malformed = false;               // a bad percent escape
  std::optional<std::string> repeated;  // the first key given twice (decoded)
};
// "a=1&b=x+y" -> {a: "1", b: "x y"}; a key without '=' maps to "". A repeated key is an error,
// not first-wins or last-wins: a proxy or cache in front may pick the other one.
Query parse_query(std::string_view query);

}  // namespace samverkan::http::url
