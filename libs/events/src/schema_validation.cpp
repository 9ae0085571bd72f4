// The JSON Schema subset validator (see schema_registry.hpp for why it exists).
//
// Event data is untrusted: a consumer validates what any producer (or anyone with write access
// to a topic) sent, before the dead-letter step. So nothing here may crash or take unbounded
// time on a hostile value: formats are plain loops (formats.cpp), patterns are compiled once at
// load into a linear-time matcher (pattern.hpp), strings are bounded before any matching, and
// numbers are compared without casts that are undefined out of range.
#include <algorithm>
#include <array>
#include <cmath>
#include <samverkan/events/schema_registry.hpp>
#include <string_view>

#include "formats.hpp"

namespace samverkan::events {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 20> kSupported = {
    "type",    "properties",  "required",  "additionalProperties",
    "enum",    "const",       "minLength", "maxLength",
    "minimum", "maximum",     "pattern",   "format",
    "items",   "minItems",    "$schema",   "$id",
    "title",   "description", "$comment",  "examples"};

// Longer strings are not matched against a pattern at all (a violation): no schema of ours needs
// more, and it bounds the work one hostile value can cause.
constexpr std::size_t kMaxPatternInput = 4096;

bool is_type(const json::value& value, std::string_view type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_bool();
  if (type == "null") return value.is_null();
  if (type == "integer") {
    if (value.is_int64() || value.is_uint64()) return true;
    // 1.0 is an integer (JSON Schema counts the value, not the spelling). Test it in double:
    // casting 1e19 or an overflowed 1e900 (infinity) to an integer type is undefined behaviour.
    if (!value.is_double()) return false;
    const double d = value.get_double();
    return std::isfinite(d) && std::trunc(d) == d;
  }
  if (type == "number") return value.is_number();
  return false;
}

double as_number(const json::value& value) {
  if (value.is_int64()) return static_cast<double>(value.as_int64());
  if (value.is_uint64()) return static_cast<double>(value.as_uint64());
  return value.as_double();
}

bool matches_format(std::string_view format, std::string_view text) {
  if (format == "uuid") return is_uuid(text);
  if (format == "date") return is_date(text);
  if (format == "date-time") return is_date_time(text);
  return false;
}

[[noreturn]] void violation(const std::string& path, const std::string& rule) {
  throw SchemaViolation((path.empty() ? std::string("/") : path) + ": " + rule);
}

[[noreturn]] void defect(const std::string& path, const std::string& what) {
  throw std::runtime_error(path + ": " + what);
}

void expect(bool ok, const std::string& path, std::string_view keyword, const char* kind) {
  if (!ok) defect(path, std::string(keyword) + " must be " + kind);
}

// The shape of each keyword's value, so validation can use as_string() and friends safely.
void check_keyword(std::string_view key, const json::value& sub, const std::string& path) {
  if (key == "type") {
    const bool ok = sub.is_string() ||
                    (sub.is_array() && std::all_of(sub.as_array().begin(), sub.as_array().end(),
                                                   [](const auto& t) { return t.is_string(); }));
    expect(ok, path, key, "a string or an array of strings");
  } else if (key == "properties") {
    expect(sub.is_object(), path, key, "an object");
  } else if (key == "required") {
    const bool ok = sub.is_array() && std::all_of(sub.as_array().begin(), sub.as_array().end(),
                                                  [](const auto& n) { return n.is_string(); });
    expect(ok, path, key, "an array of strings");
  } else if (key == "enum") {
    expect(sub.is_array(), path, key, "an array");
  } else if (key == "minLength" || key == "maxLength" || key == "minItems") {
    expect(sub.is_int64() && sub.get_int64() >= 0, path, key, "a non-negative integer");
  } else if (key == "minimum" || key == "maximum") {
    expect(sub.is_number(), path, key, "a number");
  } else if (key == "pattern" || key == "format") {
    expect(sub.is_string(), path, key, "a string");
  }
}

}  // namespace

CompiledSchema::CompiledSchema(json::value schema, const std::string& name)
    : schema_(std::move(schema)) {
  compile(schema_, name);
}

void CompiledSchema::compile(const json::value& node, const std::string& path) {
  if (!node.is_object()) defect(path, "schema must be an object");
  for (const auto& [key, sub] : node.as_object()) {
    if (std::find(kSupported.begin(), kSupported.end(), std::string_view(key)) ==
        kSupported.end()) {
      defect(path, "unsupported keyword " + std::string(key));
    }
    check_keyword(key, sub, path);
    if (key == "format") {
      const auto& f = sub.as_string();
      if (f != "uuid" && f != "date" && f != "date-time")
        defect(path, "unsupported format " + std::string(f));
    }
    if (key == "pattern" && !patterns_.contains(std::string_view(sub.as_string()))) {
      try {
        patterns_.emplace(std::string(sub.as_string()), Pattern::compile(sub.as_string()));
      } catch (const std::invalid_argument& e) {
        defect(path, e.what());
      }
    }
  }
  if (const auto* props = node.as_object().if_contains("properties")) {
    for (const auto& [name, sub] : props->as_object()) compile(sub, path + "/" + std::string(name));
  }
  if (const auto* items = node.as_object().if_contains("items")) compile(*items, path + "/items");
}

void CompiledSchema::validate(const json::value& data, Strictness strictness) const {
  check(schema_, data, "", strictness);
}

void CompiledSchema::check(const json::value& node, const json::value& value,
                           const std::string& path, Strictness strictness) const {
  const auto& s = node.as_object();
  if (const auto* type = s.if_contains("type")) {
    bool ok = false;
    if (type->is_string()) {
      ok = is_type(value, type->as_string());
    } else {
      for (const auto& t : type->as_array()) ok = ok || is_type(value, t.as_string());
    }
    if (!ok) violation(path, "wrong type");
  }
  // Rules an additive change may relax (enum, lengths, bounds, minItems) are the producer's to
  // keep; type, required, format, pattern and const cannot change within a major version.
  const bool strict = strictness == Strictness::Producer;
  if (const auto* options = s.if_contains("enum"); strict && options) {
    const auto& list = options->as_array();
    if (std::find(list.begin(), list.end(), value) == list.end())
      violation(path, "not one of enum");
  }
  if (const auto* constant = s.if_contains("const"); constant && *constant != value) {
    violation(path, "not the const value");
  }
  if (value.is_string()) {
    const std::string_view text = value.as_string();
    if (const auto* format = s.if_contains("format");
        format && !matches_format(format->as_string(), text))
      violation(path, "not a valid " + std::string(format->as_string()));
    if (const auto* pattern = s.if_contains("pattern")) {
      if (text.size() > kMaxPatternInput) violation(path, "too long to match pattern");
      if (!patterns_.find(std::string_view(pattern->as_string()))->second.search(text))
        violation(path, "pattern mismatch");
    }
    if (const auto* min = s.if_contains("minLength");
        strict && min && text.size() < min->to_number<std::size_t>())
      violation(path, "shorter than minLength");
    if (const auto* max = s.if_contains("maxLength");
        strict && max && text.size() > max->to_number<std::size_t>())
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
    if (const auto* min = s.if_contains("minItems");
        strict && min && array.size() < min->to_number<std::size_t>())
      violation(path, "fewer than minItems");
    if (const auto* items = s.if_contains("items")) {
      for (std::size_t i = 0; i < array.size(); ++i) {
        check(*items, array[i], path + "/" + std::to_string(i), strictness);
      }
    }
  }
  if (value.is_object()) {
    const auto& object = value.as_object();
    if (const auto* required = s.if_contains("required")) {
      for (const auto& name : required->as_array()) {
        if (!object.contains(name.as_string()))
          violation(path + "/" + std::string(name.as_string()), "required");
      }
    }
    const auto* props = s.if_contains("properties");
    const auto* additional = s.if_contains("additionalProperties");
    for (const auto& [name, member] : object) {
      const std::string member_path = path + "/" + std::string(name);
      const json::value* sub = props ? props->as_object().if_contains(name) : nullptr;
      if (sub != nullptr) {
        check(*sub, member, member_path, strictness);
      } else if (strictness == Strictness::Producer && additional != nullptr &&
                 additional->is_bool() && !additional->as_bool()) {
        violation(member_path, "additional property not allowed");
      }
    }
  }
}

}  // namespace samverkan::events
