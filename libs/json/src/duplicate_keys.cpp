#include "duplicate_keys.hpp"

#include <boost/json/basic_parser_impl.hpp>  // in this one translation unit only
#include <boost/json/parse_options.hpp>
#include <set>
#include <vector>

namespace samverkan::json::detail {

namespace {

using boost::json::string_view;
using boost::system::error_code;

// Handler for boost::json::basic_parser: tracks the keys seen in each open object and stops at
// the first repeat. Values are ignored.
struct KeyTracker {
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

  std::vector<std::set<std::string, std::less<>>> open;  // innermost object last
  std::string partial;
  std::optional<std::string> repeated;

  bool on_document_begin(error_code&) { return true; }
  bool on_document_end(error_code&) { return true; }
  bool on_object_begin(error_code&) {
    open.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, error_code&) {
    open.pop_back();
    return true;
  }
  bool on_array_begin(error_code&) { return true; }
  bool on_array_end(std::size_t, error_code&) { return true; }
  bool on_key_part(string_view s, std::size_t, error_code&) {
    partial.append(s.data(), s.size());
    return true;
  }
  bool on_key(string_view s, std::size_t, error_code& ec) {
    partial.append(s.data(), s.size());
    if (!open.back().contains(partial)) {
      open.back().insert(std::move(partial));
      partial.clear();
      return true;
    }
    repeated = std::move(partial);
    ec = boost::json::error::syntax;  // stops the parser; `repeated` tells it from a real error
    return false;
  }
  bool on_string_part(string_view, std::size_t, error_code&) { return true; }
  bool on_string(string_view, std::size_t, error_code&) { return true; }
  bool on_number_part(string_view, error_code&) { return true; }
  bool on_int64(std::int64_t, string_view, error_code&) { return true; }
  bool on_uint64(std::uint64_t, string_view, error_code&) { return true; }
  bool on_double(double, string_view, error_code&) { return true; }
  bool on_bool(bool, error_code&) { return true; }
  bool on_null(error_code&) { return true; }
  bool on_comment_part(string_view, error_code&) { return true; }
  bool on_comment(string_view, error_code&) { return true; }
};

}  // namespace

DuplicateScan find_duplicate_key(std::string_view text, std::size_t max_depth) {
  boost::json::parse_options options;
  options.max_depth = max_depth;
  boost::json::basic_parser<KeyTracker> parser(options);
  error_code ec;
  const auto used = parser.write_some(false, text.data(), text.size(), ec);
  if (parser.handler().repeated) return {true, parser.handler().repeated};
  return {!ec && used == text.size(), std::nullopt};
}

}  // namespace samverkan::json::detail
