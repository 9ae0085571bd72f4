#pragma once
// The event catalogue in schemas/events/: topics.json maps each topic to its event types, and each
// <type>.json is a JSON Schema for that type's data. Producers validate before writing to the
// outbox; consumers validate before handling, and dead-letter what fails.
//
// Debian packages no C++ JSON Schema validator, so this checks the subset of draft 2020-12 our
// schemas use (type, properties, required, additionalProperties, enum, const, minLength,
// maxLength, minimum, maximum, pattern, format uuid/date/date-time, items, minItems). A schema
// using any other keyword fails to load, so nothing is silently unchecked.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <filesystem>
#include <map>
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
  std::map<std::string, boost::json::value> schemas_;
  std::map<std::string, std::string> topic_of_type_;
};

// Validates one value against one schema node; exposed for unit tests of the subset.
void validate_against(const boost::json::value& schema, const boost::json::value& value,
                      const std::string& path, Strictness strictness = Strictness::Producer);
// Throws std::runtime_error if the schema uses a keyword outside the supported subset.
void check_supported(const boost::json::value& schema, const std::string& path);

}  // namespace samverkan::events
