#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>
#include <samverkan/json/reader.hpp>
#include <utility>

#include "duplicate_keys.hpp"

namespace samverkan::json {

namespace {

std::string describe(const std::vector<FieldError>& errors) {
  // Field names only: messages are fixed text, but keeping what() short keeps log lines short.
  std::string text = "invalid input:";
  for (const auto& error : errors) {
    text += ' ';
    text += error.field;
  }
  return text;
}

}  // namespace

InvalidInput::InvalidInput(std::vector<FieldError> errors)
    : std::runtime_error(describe(errors)), errors_(std::move(errors)) {}

boost::json::object parse_object(std::string_view text) {
  boost::json::parse_options options;
  options.max_depth = 32;
  // First a pass that only looks for repeated keys, which the parser below would silently merge.
  const auto scan = detail::find_duplicate_key(text, options.max_depth);
  if (scan.key) throw InvalidInput(FieldError{*scan.key, "is repeated"});
  if (!scan.valid) throw InvalidInput(FieldError{"body", "is not valid JSON"});
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(text, ec, {}, options);
  if (ec) throw InvalidInput(FieldError{"body", "is not valid JSON"});
  if (!value.is_object()) throw InvalidInput(FieldError{"body", "must be a JSON object"});
  return std::move(value.as_object());
}

const boost::json::value* ObjectReader::take(std::string_view key, bool required) {
  seen_.emplace(key);
  const auto* value = obj_.if_contains(key);
  // null is treated as absent so clients may send explicit nulls for optional fields.
  if (value != nullptr && !value->is_null()) return value;
  if (required) fail(std::string(key), "is required");
  return nullptr;
}

std::optional<std::string> ObjectReader::optional_string(std::string_view key,
                                                         std::size_t max_len) {
  const auto* value = take(key, false);
  if (value == nullptr) return std::nullopt;
  if (!value->is_string()) {
    fail(std::string(key), "must be a string");
    return std::nullopt;
  }
  const auto& text = value->get_string();
  if (text.size() > max_len) {
    fail(std::string(key), "must be at most " + std::to_string(max_len) + " bytes");
    return std::nullopt;
  }
  // JSON allows \u0000 but PostgreSQL text cannot hold it: refuse it here as bad input.
  if (std::string_view(text).find('\0') != std::string_view::npos) {
    fail(std::string(key), "must not contain NUL characters");
    return std::nullopt;
  }
  return std::string(text);
}

std::string ObjectReader::required_string(std::string_view key, std::size_t max_len) {
  if (take(key, true) == nullptr) return {};
  auto text = optional_string(key, max_len);
  if (text && text->empty()) {
    fail(std::string(key), "must not be empty");
    return {};
  }
  return text.value_or(std::string{});
}

std::optional<std::int64_t> ObjectReader::optional_int(std::string_view key, std::int64_t min,
                                                       std::int64_t max) {
  const auto* value = take(key, false);
  if (value == nullptr) return std::nullopt;
  std::int64_t number = 0;
  if (value->is_int64()) {
    number = value->get_int64();
  } else if (value->is_uint64()) {
    // Only values above INT64_MAX are stored as uint64, so they are always out of range.
    fail(std::string(key),
         "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  } else {
    fail(std::string(key), "must be an integer");
    return std::nullopt;
  }
  if (number < min || number > max) {
    fail(std::string(key),
         "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::int64_t ObjectReader::required_int(std::string_view key, std::int64_t min, std::int64_t max) {
  if (take(key, true) == nullptr) return 0;
  return optional_int(key, min, max).value_or(0);
}

std::optional<bool> ObjectReader::optional_bool(std::string_view key) {
  const auto* value = take(key, false);
  if (value == nullptr) return std::nullopt;
  if (!value->is_bool()) {
    fail(std::string(key), "must be a boolean");
    return std::nullopt;
  }
  return value->get_bool();
}

bool ObjectReader::required_bool(std::string_view key) {
  if (take(key, true) == nullptr) return false;
  return optional_bool(key).value_or(false);
}

void ObjectReader::fail(std::string field, std::string message) {
  errors_.push_back(FieldError{std::move(field), std::move(message)});
}

void ObjectReader::finish() {
  for (const auto& entry : obj_) {
    if (!seen_.contains(std::string_view(entry.key()))) {
      fail(std::string(entry.key()), "unknown field");
    }
  }
  if (!errors_.empty()) throw InvalidInput(std::exchange(errors_, {}));
}

}  // namespace samverkan::json
