#include <boost/json/parse.hpp>
#include <fstream>
#include <samverkan/events/schema_registry.hpp>
#include <sstream>

namespace samverkan::events {

namespace json = boost::json;

namespace {
json::value read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  json::value value = json::parse(text.str(), ec);
  if (ec) throw std::runtime_error(file.string() + ": invalid JSON: " + ec.message());
  return value;
}
}  // namespace

SchemaRegistry::SchemaRegistry(const std::filesystem::path& events_dir) {
  // topics.json: {"topics": {"<topic>": {"key": "...", "types": ["<type>", ...]}}}
  const auto catalogue_file = events_dir / "topics.json";
  const json::value catalogue = read_json(catalogue_file);
  try {
    for (const auto& [topic, spec] : catalogue.at("topics").as_object()) {
      for (const auto& type : spec.at("types").as_array()) {
        const std::string name(type.as_string());
        if (!topic_of_type_.emplace(name, std::string(topic)).second) {
          throw std::runtime_error("type " + name + " listed twice");
        }
      }
    }
  } catch (const std::exception& e) {
    throw std::runtime_error(catalogue_file.string() + ": " + e.what());
  }
  for (const auto& [type, topic] : topic_of_type_) {
    const auto file = events_dir / (type + ".json");
    schemas_.emplace(type, CompiledSchema(read_json(file), file.filename().string()));
  }
}

bool SchemaRegistry::knows(const std::string& type) const { return schemas_.count(type) > 0; }

const std::string& SchemaRegistry::topic_for(const std::string& type) const {
  auto it = topic_of_type_.find(type);
  if (it == topic_of_type_.end()) throw std::out_of_range("unknown event type " + type);
  return it->second;
}

std::vector<std::string> SchemaRegistry::types() const {
  std::vector<std::string> result;
  for (const auto& [type, _] : schemas_) result.push_back(type);
  return result;
}

std::vector<std::string> SchemaRegistry::topics() const {
  std::vector<std::string> result;
  for (const auto& [_, topic] : topic_of_type_) {
    if (std::find(result.begin(), result.end(), topic) == result.end()) result.push_back(topic);
  }
  return result;
}

void SchemaRegistry::validate(const std::string& type, const json::object& data,
                              Strictness strictness) const {
  auto it = schemas_.find(type);
  if (it == schemas_.end()) throw std::out_of_range("unknown event type " + type);
  it->second.validate(json::value(data), strictness);
}

}  // namespace samverkan::events
