#pragma once
// The event catalogue in schemas/events/: topics.json maps each topic to its event types, and each
// <type>.json is a JSON Schema for that type's data. Producers validate before writing to the
// outbox; consumers validate before handling, and dead-letter what fails.
//
// Debian packages no C++ JSON Schema validator, so this checks the subset of draft 2020-12 our
// schemas use (type, properties, required, additionalProperties, enum, const, minLength,
// maxLength, minimum, maximum, pattern, format uuid/date/date-time, items, minItems). A schema
// using any other keyword, format or pattern syntax fails to load, so nothing is silently
// unchecked. Event data is untrusted input: no check may recurse or backtrack per character.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <map>
#include <samverkan/events/pattern.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace samverkan::events {

class SchemaViolation : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;  // names the path and rule, never the value
};

// Producers are strict: they may emit only what the schema allows. Consumers are tolerant readers:
// they check only the shape they rely on (types, required properties, formats) and ignore what a
// newer producer may legitimately add within a major version: unknown properties, new enum values
// and looser limits. So an additive change is not dead-lettered by consumers not yet upgraded.
enum class Strictness { Producer, Consumer };

// One schema, checked against the subset and with its patterns compiled, once, at load.
class CompiledSchema {
 public:
  // Throws std::runtime_error naming `name` and the path of an unsupported keyword, format or
  // pattern, or of a keyword whose value has the wrong type.
  CompiledSchema(boost::json::value schema, const std::string& name);
  // Throws SchemaViolation naming the path and the rule, never the value.
  void validate(const boost::json::value& data, Strictness strictness = Strictness::Producer) const;

 private:
  void compile(const boost::json::value& node, const std::string& path);
  void check(const boost::json::value& node, const boost::json::value& value,
             const std::string& path, Strictness strictness) const;

  boost::json::value schema_;
  std::map<std::string, Pattern, std::less<>> patterns_;  // by source text
};

class SchemaRegistry {
 public:
  // Loads every schema; throws std::runtime_error naming the file on any defect.
  explicit SchemaRegistry(const std::filesystem::path& events_dir);

  [[nodiscard]] bool knows(const std::string& type) const;
  [[nodiscard]] const std::string& topic_for(const std::string& type) const;  // throws if unknown
  [[nodiscard]] std::vector<std::string> types() const;
  [[nodiscard]] std::vector<std::string> topics() const;
  // Throws SchemaViolation (or std::out_of_range for an unknown type).
  void validate(const std::string& type, const boost::json::object& data,
                Strictness strictness = Strictness::Producer) const;

 private:
  std::map<std::string, CompiledSchema> schemas_;
  std::map<std::string, std::string> topic_of_type_;
};

}  // namespace samverkan::events
