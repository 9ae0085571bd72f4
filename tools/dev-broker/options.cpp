#include "options.hpp"

#include <charconv>
#include <sstream>

namespace samverkan::dev_broker {

const char* const kUsage =
    "usage: samverkan-dev-broker --bootstrap-file PATH [--brokers N] [--partitions N]\n"
    "                            [--topics a,b,c]\n"
    "Runs a librdkafka mock Kafka cluster until SIGTERM or SIGINT. Once it is ready, writes its\n"
    "bootstrap servers to PATH (atomically) and to stdout.\n"
    "  --brokers N         brokers in the cluster (default 1)\n"
    "  --partitions N      partitions per created topic (default 3)\n"
    "  --topics LIST       comma-separated topics to create (default the samverkan topics)\n";

namespace {

bool parse_positive(const std::string& text, int& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end && out > 0;
}

std::vector<std::string> split_topics(const std::string& text) {
  std::vector<std::string> topics;
  std::istringstream in(text);
  std::string topic;
  while (std::getline(in, topic, ','))
    if (!topic.empty()) topics.push_back(topic);
  return topics;
}

}  // namespace

std::optional<Options> parse_options(int argc, char** argv, std::string& error) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    std::string value;
    if (auto eq = flag.find('='); flag.starts_with("--") && eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    } else if (flag == "--brokers" || flag == "--partitions" || flag == "--topics" ||
               flag == "--bootstrap-file") {
      if (i + 1 >= argc) {
        error = flag + " needs a value";
        return std::nullopt;
      }
      value = argv[++i];
    }
    if (flag == "--brokers") {
      if (!parse_positive(value, options.brokers)) {
        error = "--brokers must be a positive integer, got '" + value + "'";
        return std::nullopt;
      }
    } else if (flag == "--partitions") {
      if (!parse_positive(value, options.partitions)) {
        error = "--partitions must be a positive integer, got '" + value + "'";
        return std::nullopt;
      }
    } else if (flag == "--topics") {
      options.topics = split_topics(value);
    } else if (flag == "--bootstrap-file") {
      options.bootstrap_file = value;
    } else {
      error = "unknown argument '" + std::string(argv[i]) + "'";
      return std::nullopt;
    }
  }
  if (options.bootstrap_file.empty()) {
    error = "--bootstrap-file is required";
    return std::nullopt;
  }
  return options;
}

}  // namespace samverkan::dev_broker
