#pragma once
// Strict reading of JSON request bodies: malformed JSON, wrong types, missing fields and unknown
// fields all become InvalidInput, which the HTTP layer turns into a 400 problem+json.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::json {

struct FieldError {
  std::string field;    // JSON pointer-ish name, e.g. "start" or "body"
  std::string message;  // what is wrong; never echoes the value itself
};

class InvalidInput : public std::runtime_error {
 public:
  explicit InvalidInput(std::vector<FieldError> errors);
  explicit InvalidInput(FieldError error) : InvalidInput(std::vector<FieldError>{std::move(error)}) {}
  [[nodiscard]] const std::vector<FieldError>& errors() const { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

// Parses text that must be one JSON object; depth and size are bounded by the caller's body limit.
boost::json::object parse_object(std::string_view text);

// Reads fields of one object; collects every problem and throws them together from finish().
class ObjectReader {
 public:
  explicit ObjectReader(const boost::json::object& obj) : obj_(obj) {}

  std::string required_string(std::string_view key, std::size_t max_len = 200);
  std::optional<std::string> optional_string(std::string_view key, std::size_t max_len = 200);
  std::int64_t required_int(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optional_int(std::string_view key, std::int64_t min, std::int64_t max);
  bool required_bool(std::string_view key);
  std::optional<bool> optional_bool(std::string_view key);
  // Any other shape (an array, an object), for the caller to read; nullptr when absent or null.
  const boost::json::value* optional_value(std::string_view key) { return take(key, false); }
  // Whether the member is present, even as null (a null that means "unlimited", say).
  [[nodiscard]] bool contains(std::string_view key) const { return obj_.contains(key); }
  // Records a domain-level problem found while reading.
  void fail(std::string field, std::string message);
  // Throws InvalidInput if any field was wrong, missing, or not asked for (unknown).
  void finish();

 private:
  const boost::json::value* take(std::string_view key, bool required);
  const boost::json::object& obj_;
  std::set<std::string, std::less<>> seen_;
  std::vector<FieldError> errors_;
};

// Parses an RFC 3339 timestamp with an explicit offset ("2026-04-01T10:00:00+02:00" or "...Z").
// Returns seconds since the epoch (UTC), or nullopt if malformed or outside the years 0001-9999 UTC.
std::optional<std::int64_t> parse_rfc3339(std::string_view text);
// Formats seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_rfc3339_utc(std::int64_t epoch_seconds);

}  // namespace samverkan::json
