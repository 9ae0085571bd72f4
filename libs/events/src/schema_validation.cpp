// The JSON Schema subset validator (see schema_registry.hpp for why it exists).
#include <samverkan/events/schema_registry.hpp>

#include <algorithm>
#include <array>
#include <regex>
#include <string_view>

namespace samverkan::events {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 20> kSupported = {
    "type",      "properties", "required", "additionalProperties", "enum",
    "const",     "minLength",  "maxLength", "minimum",             "maximum",
    "pattern",   "format",     "items",     "minItems",            "$schema",
    "$id",       "title",      "description", "$comment",          "examples"};

bool is_type(const json::value& value, std::string_view type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_bool();
  if (type == "null") return value.is_null();
  if (type == "integer") {
    if (value.is_int64() || value.is_uint64()) return true;
    return value.is_double() && value.as_double() == static_cast<double>(static_cast<long long>(value.as_double()));
  }
  if (type == "number") return value.is_number();
  return false;
}

double as_number(const json::value& value) {
  if (value.is_int64()) return static_cast<double>(value.as_int64());
  if (value.is_uint64()) return static_cast<double>(value.as_uint64());
  return value.as_double();
}

bool matches_format(std::string_view format, const std::string& text) {
  static const std::regex uuid("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
  static const std::regex date("^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$");
  static const std::regex date_time(
      "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
      "(\\.[0-9]+)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$");
  if (format == "uuid") return std::regex_match(text, uuid);
  if (format == "date") return std::regex_match(text, date);
  if (format == "date-time") return std::regex_match(text, date_time);
  return false;
}

[[noreturn]] void violation(const std::string& path, const std::string& rule) {
  throw SchemaViolation((path.empty() ? std::string("/") : path) + ": " + rule);
}

}  // namespace

void check_supported(const json::value& schema, const std::string& path) {
  if (!schema.is_object()) throw std::runtime_error(path + ": schema must be an object");
  for (const auto& [key, sub] : schema.as_object()) {
    if (std::find(kSupported.begin(), kSupported.end(), std::string_view(key)) == kSupported.end()) {
      throw std::runtime_error(path + ": unsupported keyword " + std::string(key));
    }
    if (key == "format") {
      const auto& f = sub.as_string();
      if (f != "uuid" && f != "date" && f != "date-time") {
        throw std::runtime_error(path + ": unsupported format " + std::string(f));
      }
    }
  }
  if (const auto* props = schema.as_object().if_contains("properties")) {
    for (const auto& [name, sub] : props->as_object()) check_supported(sub, path + "/" + std::string(name));
  }
  if (const auto* items = schema.as_object().if_contains("items")) check_supported(*items, path + "/items");
}

void validate_against(const json::value& schema, const json::value& value, const std::string& path,
                      Strictness strictness) {
  const auto& s = schema.as_object();
  if (const auto* type = s.if_contains("type")) {
    bool ok = false;
    if (type->is_string()) {
      ok = is_type(value, type->as_string());
    } else {
      for (const auto& t : type->as_array()) ok = ok || is_type(value, t.as_string());
    }
    if (!ok) violation(path, "wrong type");
  }
  // Rules an additive change may relax (enum, lengths, bounds, minItems) are the producer's to keep;
  // type, required, format, pattern and const cannot change within a major version.
  const bool strict = strictness == Strictness::Producer;
  if (const auto* options = s.if_contains("enum"); strict && options) {
    const auto& list = options->as_array();
    if (std::find(list.begin(), list.end(), value) == list.end()) violation(path, "not one of enum");
  }
  if (const auto* constant = s.if_contains("const"); constant && *constant != value) {
    violation(path, "not the const value");
  }
  if (value.is_string()) {
    const std::string text(value.as_string());
    if (const auto* format = s.if_contains("format"); format && !matches_format(format->as_string(), text))
      violation(path, "not a valid " + std::string(format->as_string()));
    if (const auto* pattern = s.if_contains("pattern")) {
      if (!std::regex_search(text, std::regex(std::string(pattern->as_string())))) violation(path, "pattern mismatch");
    }
  }
  if (value.is_string() && strict) {
    const std::string text(value.as_string());
    if (const auto* min = s.if_contains("minLength"); min && text.size() < min->to_number<std::size_t>())
      violation(path, "shorter than minLength");
    if (const auto* max = s.if_contains("maxLength"); max && text.size() > max->to_number<std::size_t>())
      violation(path, "longer than maxLength");
  }
  if (value.is_number() && strict) {
    if (const auto* min = s.if_contains("minimum"); min && as_number(value) < as_number(*min))
      violation(path, "below minimum");
    if (const auto* max = s.if_contains("maximum"); max && as_number(value) > as_number(*max))
      violation(path, "above maximum");
  }
  if (value.is_array()) {
    const auto& array = value.as_array();
    if (const auto* min = s.if_contains("minItems"); strict && min && array.size() < min->to_number<std::size_t>())
      violation(path, "fewer than minItems");
    if (const auto* items = s.if_contains("items")) {
      for (std::size_t i = 0; i < array.size(); ++i) {
        validate_against(*items, array[i], path + "/" + std::to_string(i), strictness);
      }
    }
  }
  if (value.is_object()) {
    const auto& object = value.as_object();
    if (const auto* required = s.if_contains("required")) {
      for (const auto& name : required->as_array()) {
        if (!object.contains(name.as_string())) violation(path + "/" + std::string(name.as_string()), "required");
      }
    }
    const auto* props = s.if_contains("properties");
    const auto* additional = s.if_contains("additionalProperties");
    for (const auto& [name, member] : object) {
      const std::string member_path = path + "/" + std::string(name);
      const json::value* sub = props ? props->as_object().if_contains(name) : nullptr;
      if (sub != nullptr) {
        validate_against(*sub, member, member_path, strictness);
      } else if (strictness == Strictness::Producer && additional != nullptr && additional->is_bool() &&
                 !additional->as_bool()) {
        violation(member_path, "additional property not allowed");
      }
    }
  }
}

}  // namespace samverkan::events
