#include <samverkan/kafka/properties.hpp>

#include <array>
#include <fstream>
#include <sstream>
#include <string_view>

namespace samverkan::kafka {

namespace {
// Names and their librdkafka aliases.
constexpr std::array<std::string_view, 12> kProtected = {
    "bootstrap.servers",     "metadata.broker.list", "enable.idempotence", "acks",
    "request.required.acks", "group.id",             "enable.auto.commit", "enable.auto.offset.store",
    "isolation.level",       "auto.offset.reset",    "message.timeout.ms", "delivery.timeout.ms"};

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}
}  // namespace

bool is_protected(const std::string& key) {
  for (auto name : kProtected) {
    if (key == name) return true;
  }
  return false;
}

Properties parse_properties(const std::string& text) {
  Properties result;
  std::istringstream lines(text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const std::string content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    const auto eq = content.find('=');
    const std::string key = eq == std::string::npos ? "" : trim(std::string_view(content).substr(0, eq));
    if (key.empty()) {
      throw std::invalid_argument("kafka properties line " + std::to_string(number) + ": expected key=value");
    }
    if (is_protected(key)) {
      throw std::invalid_argument("kafka properties line " + std::to_string(number) + ": " + key +
                                  " is set by Samverkan and cannot be overridden");
    }
    result.emplace_back(key, trim(std::string_view(content).substr(eq + 1)));
  }
  return result;
}

Properties read_properties(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::invalid_argument("cannot read kafka properties file " + file.string());
  std::stringstream text;
  text << in.rdbuf();
  return parse_properties(text.str());
}

}  // namespace samverkan::kafka
