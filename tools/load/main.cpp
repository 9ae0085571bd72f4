// samverkan-load: bounded, loopback-only load and the baselines for the performance ratios (see
// README.md for every command). Each command prints one JSON line on stdout. Exit status: 0 when
// the run completed (its errors are in the JSON), 1 when it could not run, 2 for a usage error.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "baselines.hpp"
#include "http_load.hpp"
#include "kafka_fast.hpp"
#include "scale_events.hpp"

namespace {

using namespace samverkan;

struct UsageError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

constexpr const char* kUsage =
    "usage:\n"
    "  samverkan-load http (--url URL | --url-file FILE) [--method GET|PUT|POST|DELETE]\n"
    "      [--body-file FILE]... [--header 'Name: value']... --connections C --seconds S\n"
    "      [--requests N] [--timeout-ms T]\n"
    "      repeated --body-file: each target cycles through the bodies on its requests;\n"
    "      --url-file: one URL per line (same host and port), spread over the connections\n"
    "  samverkan-load baseline-http --connections C --seconds S [--requests N]\n"
    "      [--server-threads T]\n"
    "  samverkan-load serve-bare --seconds S --port-file FILE [--server-threads T]\n"
    "  samverkan-load kafka-produce --brokers HOST:PORT --topic T --messages N\n"
    "      [--value-bytes V] [--seconds MAX]\n"
    "  samverkan-load kafka-consume --brokers HOST:PORT --topic T [--topic T2]... [--seconds MAX]\n"
    "  samverkan-load lag --brokers HOST:PORT --group G --topic T [--topic T2]...\n"
    "  samverkan-load produce-scale --brokers HOST:PORT --participants N [--cohort-size K]\n"
    "      [--sessions S] [--organisations O] [--modules M] [--salt HEX]\n"
    "      [--pace GROUP=TOPIC,...]... [--window W]\n"
    "URLs must be on loopback. Every run stops by itself after S seconds (or N requests).\n";

// Flags as name -> values (a flag may repeat); every flag takes exactly one value.
using Flags = std::map<std::string, std::vector<std::string>>;

Flags parse_flags(int argc, char** argv, int first, const std::vector<std::string>& known) {
  Flags flags;
  for (int i = first; i < argc; ++i) {
    const std::string name = argv[i];
    if (std::find(known.begin(), known.end(), name) == known.end())
      throw UsageError("unknown option " + name);
    if (i + 1 >= argc) throw UsageError(name + " needs a value");
    flags[name].emplace_back(argv[++i]);
  }
  return flags;
}

const std::string* single(const Flags& flags, const std::string& name) {
  const auto it = flags.find(name);
  if (it == flags.end()) return nullptr;
  if (it->second.size() > 1) throw UsageError(name + " given more than once");
  return &it->second.front();
}

std::string required(const Flags& flags, const std::string& name) {
  const auto* value = single(flags, name);
  if (value == nullptr) throw UsageError(name + " is required");
  return *value;
}

long long integer(const Flags& flags, const std::string& name, long long fallback, long long low,
                  long long high, bool needed = false) {
  const auto* text = single(flags, name);
  if (text == nullptr) {
    if (needed) throw UsageError(name + " is required");
    return fallback;
  }
  long long value = 0;
  try {
    std::size_t used = 0;
    value = std::stoll(*text, &used);
    if (used != text->size()) throw UsageError("");
  } catch (const std::exception&) {
    throw UsageError(name + " must be an integer");
  }
  if (value < low || value > high) {
    throw UsageError(name + " must be from " + std::to_string(low) + " to " + std::to_string(high));
  }
  return value;
}

double seconds_flag(const Flags& flags, const std::string& name, double fallback, bool needed) {
  const auto* text = single(flags, name);
  if (text == nullptr) {
    if (needed) throw UsageError(name + " is required");
    return fallback;
  }
  double value = 0;
  try {
    std::size_t used = 0;
    value = std::stod(*text, &used);
    if (used != text->size()) throw UsageError("");
  } catch (const std::exception&) {
    throw UsageError(name + " must be a number");
  }
  // Runs are bounded: an hour is far beyond any benchmark here.
  if (!(value > 0 && value <= 3600))
    throw UsageError(name + " must be more than 0 and at most 3600");
  return value;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

http::Method method_of(const std::string& name) {
  if (name == "GET") return http::Method::Get;
  if (name == "PUT") return http::Method::Put;
  if (name == "POST") return http::Method::Post;
  if (name == "DELETE") return http::Method::Delete;
  throw UsageError("--method must be GET, PUT, POST or DELETE");
}

std::pair<std::string, std::string> header_of(const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos || colon == 0)
    throw UsageError("--header must look like 'Name: value'");
  auto value = text.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  return {text.substr(0, colon), value};
}

int command_http(int argc, char** argv) {
  const auto flags = parse_flags(argc, argv, 2,
                                 {"--url", "--url-file", "--method", "--body-file", "--header",
                                  "--connections", "--seconds", "--requests", "--timeout-ms"});
  std::vector<std::string> urls;
  if (const auto* url = single(flags, "--url")) urls.push_back(*url);
  if (const auto* file = single(flags, "--url-file")) {
    std::istringstream lines(read_file(*file));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty() && line.front() != '#') urls.push_back(line);
    }
  }
  if (urls.empty()) throw UsageError("give --url or a non-empty --url-file");

  load::LoadOptions options;
  for (const auto& url : urls) {
    load::Endpoint endpoint;
    try {
      endpoint = load::parse_url(url);
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    if (options.targets.empty()) {
      options.host = endpoint.host;
      options.port = endpoint.port;
    } else if (endpoint.host != options.host || endpoint.port != options.port) {
      throw UsageError("all URLs must share one host and port");
    }
    options.targets.push_back(endpoint.target);
  }
  if (const auto* method = single(flags, "--method")) options.method = method_of(*method);
  if (const auto it = flags.find("--body-file"); it != flags.end()) {
    for (const auto& file : it->second) options.bodies.push_back(read_file(file));
  }
  if (const auto it = flags.find("--header"); it != flags.end()) {
    for (const auto& header : it->second) options.headers.push_back(header_of(header));
  }
  options.connections = static_cast<int>(integer(flags, "--connections", 1, 1, 256, true));
  options.seconds = seconds_flag(flags, "--seconds", 0, true);
  options.max_requests = integer(flags, "--requests", 0, 1, 1'000'000'000);
  options.timeout = std::chrono::milliseconds(integer(flags, "--timeout-ms", 10000, 1, 60000));
  std::cout << load::to_json(load::run_load(options)) << std::endl;
  return 0;
}

int command_baseline_http(int argc, char** argv) {
  const auto flags =
      parse_flags(argc, argv, 2, {"--connections", "--seconds", "--requests", "--server-threads"});
  const auto connections = static_cast<int>(integer(flags, "--connections", 1, 1, 256, true));
  const auto seconds = seconds_flag(flags, "--seconds", 0, true);
  const auto requests = integer(flags, "--requests", 0, 1, 1'000'000'000);
  // 8 is the services' default HTTP_THREADS, so the baseline serves with the same thread count.
  const auto threads = static_cast<int>(integer(flags, "--server-threads", 8, 1, 256));
  std::cout << load::to_json(load::run_baseline_http(connections, seconds, requests, threads))
            << std::endl;
  return 0;
}

int command_serve_bare(int argc, char** argv) {
  const auto flags = parse_flags(argc, argv, 2, {"--seconds", "--port-file", "--server-threads"});
  const auto seconds = seconds_flag(flags, "--seconds", 0, true);
  const auto port_file = required(flags, "--port-file");
  const auto threads = static_cast<int>(integer(flags, "--server-threads", 8, 1, 256));
  load::serve_bare(seconds, threads, port_file);
  return 0;
}

int command_kafka_produce(int argc, char** argv) {
  const auto flags = parse_flags(
      argc, argv, 2, {"--brokers", "--topic", "--messages", "--value-bytes", "--seconds"});
  const auto brokers = required(flags, "--brokers");
  const auto topic = required(flags, "--topic");
  const auto messages = integer(flags, "--messages", 0, 1, 100'000'000, true);
  const auto value_bytes =
      static_cast<std::size_t>(integer(flags, "--value-bytes", 200, 1, 1'000'000));
  const auto seconds = seconds_flag(flags, "--seconds", 300, false);
  const auto result = load::produce_baseline(brokers, topic, messages, value_bytes, seconds);
  std::cout << load::to_json(result) << std::endl;
  return result.messages > 0 ? 0 : 1;
}

int command_kafka_consume(int argc, char** argv) {
  const auto flags = parse_flags(argc, argv, 2, {"--brokers", "--topic", "--seconds"});
  const auto brokers = required(flags, "--brokers");
  const auto topics = flags.find("--topic");
  if (topics == flags.end()) throw UsageError("--topic is required");
  const auto seconds = seconds_flag(flags, "--seconds", 300, false);
  std::cout << load::to_json(load::consume_baseline(brokers, topics->second, seconds)) << std::endl;
  return 0;
}

int command_lag(int argc, char** argv) {
  const auto flags = parse_flags(argc, argv, 2, {"--brokers", "--group", "--topic"});
  const auto topics = flags.find("--topic");
  if (topics == flags.end()) throw UsageError("--topic is required");
  load::GroupLag lag(required(flags, "--brokers"), required(flags, "--group"), topics->second);
  std::cout << "{\"group\": " << load::json_quote(lag.group()) << ", \"lag\": " << lag.lag() << "}"
            << std::endl;
  return 0;
}

int command_produce_scale(int argc, char** argv) {
  const auto flags = parse_flags(argc, argv, 2,
                                 {"--brokers", "--participants", "--cohort-size", "--sessions",
                                  "--organisations", "--modules", "--salt", "--pace", "--window"});
  load::ScaleSpec spec;
  const auto brokers = required(flags, "--brokers");
  spec.participants = integer(flags, "--participants", 0, 1, 10'000'000, true);
  spec.cohort_size =
      static_cast<int>(integer(flags, "--cohort-size", spec.cohort_size, 1, 1'000'000));
  spec.sessions_per_cohort =
      static_cast<int>(integer(flags, "--sessions", spec.sessions_per_cohort, 1, 1000));
  spec.organisations =
      static_cast<int>(integer(flags, "--organisations", spec.organisations, 1, 100'000));
  spec.modules = static_cast<int>(integer(flags, "--modules", spec.modules, 1, 1000));
  if (const auto* salt = single(flags, "--salt")) {
    try {
      std::size_t used = 0;
      const auto value = std::stoul(*salt, &used, 16);
      if (used != salt->size() || value > 0xffffffffUL) throw UsageError("");
      spec.salt = static_cast<std::uint32_t>(value);
    } catch (const std::exception&) {
      throw UsageError("--salt must be up to 8 hex digits");
    }
  }
  if (const auto it = flags.find("--pace"); it != flags.end()) {
    for (const auto& text : it->second) {
      const auto equals = text.find('=');
      if (equals == std::string::npos || equals == 0 || equals + 1 == text.size()) {
        throw UsageError("--pace must look like GROUP=TOPIC[,TOPIC...]");
      }
      std::vector<std::string> topics;
      std::istringstream list(text.substr(equals + 1));
      for (std::string topic; std::getline(list, topic, ',');) {
        if (!topic.empty()) topics.push_back(topic);
      }
      spec.pace.emplace_back(text.substr(0, equals), topics);
    }
  }
  spec.window = integer(flags, "--window", spec.window, 100, 10'000'000);
  const auto result = load::produce_scale(brokers, spec);
  std::cout << load::to_json(result) << std::endl;
  return result.failed == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::cerr << kUsage;
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  try {
    if (command == "http") return command_http(argc, argv);
    if (command == "baseline-http") return command_baseline_http(argc, argv);
    if (command == "serve-bare") return command_serve_bare(argc, argv);
    if (command == "kafka-produce") return command_kafka_produce(argc, argv);
    if (command == "kafka-consume") return command_kafka_consume(argc, argv);
    if (command == "lag") return command_lag(argc, argv);
    if (command == "produce-scale") return command_produce_scale(argc, argv);
    throw UsageError("unknown command " + command);
  } catch (const UsageError& e) {
    std::cerr << "samverkan-load: " << e.what() << "\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "samverkan-load: " << e.what() << '\n';
    return 1;
  }
}
