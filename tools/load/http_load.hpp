#pragma once
// The closed-loop HTTP load used by `samverkan-load http` and `baseline-http`: C threads, each with
// its own keep-alive samverkan::http::Client, send requests until a time or request budget runs out.
#include <samverkan/http/message.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::load {

struct Endpoint {
  std::string host;
  std::uint16_t port = 0;
  std::string target;  // path and query, e.g. "/v1/programmes?limit=10"
};

// Parses "http://HOST:PORT/path?query". Only loopback hosts are accepted: this tool must never
// load anything but the local machine. Throws std::invalid_argument otherwise.
Endpoint parse_url(const std::string& url);

struct LoadOptions {
  std::string host;
  std::uint16_t port = 0;
  http::Method method = http::Method::Get;
  // Connection i takes the targets whose index is i modulo the connection count (or one shared
  // target when there are fewer targets than connections) and cycles through them.
  std::vector<std::string> targets;
  // Each target cycles through the bodies on its successive requests, so with two different
  // bodies every request to a target changes what is stored there. Empty: no body.
  std::vector<std::string> bodies;
  std::vector<std::pair<std::string, std::string>> headers;
  int connections = 1;
  double seconds = 10;
  std::int64_t max_requests = 0;  // 0: no limit besides time
  std::chrono::milliseconds timeout{10000};
};

struct LoadResult {
  std::int64_t requests = 0;  // completed: answered, whatever the status, or failed with an exception
  std::int64_t errors = 0;    // non-2xx answers plus exceptions
  double seconds = 0;         // wall time of the whole run
  double p50_ms = 0, p99_ms = 0, max_ms = 0;  // over answered requests (exceptions excluded)
  std::vector<std::pair<int, std::int64_t>> statuses;  // status -> count; 0 for exceptions
  std::string first_error;
};

LoadResult run_load(const LoadOptions& options);

// One JSON line: {"requests", "errors", "seconds", "rps", "p50_ms", "p99_ms", "max_ms", "statuses",
// "first_error"}; first_error is "" when there was none.
std::string to_json(const LoadResult& result);

// JSON string literal (quotes included) for text that may hold anything.
std::string json_quote(std::string_view text);

}  // namespace samverkan::load
