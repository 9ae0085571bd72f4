#include "http_load.hpp"

#include <samverkan/http/client.hpp>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <thread>

namespace samverkan::load {

namespace {

using Clock = std::chrono::steady_clock;

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.starts_with("127.");
}

// What one connection did; merged after all threads have joined, so no locking is needed.
struct ThreadResult {
  std::vector<double> latencies_ms;
  std::map<int, std::int64_t> statuses;
  std::int64_t requests = 0;
  std::int64_t errors = 0;
  std::string first_error;
};

std::vector<std::string> targets_of_connection(const std::vector<std::string>& all, int index,
                                               int connections) {
  const auto count = static_cast<int>(all.size());
  if (count < connections) return {all[static_cast<std::size_t>(index % count)]};
  std::vector<std::string> mine;
  for (int t = index; t < count; t += connections) mine.push_back(all[static_cast<std::size_t>(t)]);
  return mine;
}

void connection_loop(const LoadOptions& options, int index, Clock::time_point deadline,
                     std::atomic<std::int64_t>& claimed, ThreadResult& out) {
  http::Client client(options.host, options.port, options.timeout);
  const auto targets = targets_of_connection(options.targets, index, options.connections);
  std::vector<std::size_t> visits(targets.size(), 0);
  static const std::string no_body;
  std::size_t next = 0;
  while (Clock::now() < deadline) {
    if (options.max_requests > 0 && claimed.fetch_add(1) >= options.max_requests) break;
    const std::size_t slot = next++ % targets.size();
    const std::string& body =
        options.bodies.empty() ? no_body : options.bodies[visits[slot]++ % options.bodies.size()];
    ++out.requests;
    const auto started = Clock::now();
    try {
      const auto response = client.request(options.method, targets[slot], body, options.headers);
      out.latencies_ms.push_back(
          std::chrono::duration<double, std::milli>(Clock::now() - started).count());
      ++out.statuses[response.status];
      if (response.status < 200 || response.status > 299) {
        ++out.errors;
        if (out.first_error.empty()) {
          out.first_error = "HTTP " + std::to_string(response.status) + ": " + response.body.substr(0, 200);
        }
      }
    } catch (const std::exception& e) {
      ++out.errors;
      ++out.statuses[0];
      if (out.first_error.empty()) out.first_error = e.what();
      // A refused or broken connection fails at once; pause so an error loop does not spin.
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
}

// Nearest-rank percentile of sorted values.
double percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

}  // namespace

Endpoint parse_url(const std::string& url) {
  const std::string scheme = "http://";
  if (!url.starts_with(scheme)) throw std::invalid_argument("only http:// URLs are supported: " + url);
  const auto rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const auto authority = rest.substr(0, slash);
  Endpoint endpoint;
  endpoint.target = slash == std::string::npos ? "/" : rest.substr(slash);
  std::string port_text = "80";
  if (authority.starts_with("[")) {  // [::1]:8080
    const auto close = authority.find(']');
    if (close == std::string::npos) throw std::invalid_argument("malformed host in " + url);
    endpoint.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') port_text = authority.substr(close + 2);
  } else {
    const auto colon = authority.rfind(':');
    endpoint.host = authority.substr(0, colon);
    if (colon != std::string::npos) port_text = authority.substr(colon + 1);
  }
  int port = 0;
  try {
    std::size_t used = 0;
    port = std::stoi(port_text, &used);
    if (used != port_text.size()) port = 0;
  } catch (const std::exception&) {
    port = 0;
  }
  if (port < 1 || port > 65535) throw std::invalid_argument("malformed port in " + url);
  endpoint.port = static_cast<std::uint16_t>(port);
  if (!is_loopback(endpoint.host)) {
    throw std::invalid_argument("refusing a non-loopback host (" + endpoint.host + "): loopback only");
  }
  return endpoint;
}

LoadResult run_load(const LoadOptions& options) {
  if (options.connections < 1) throw std::invalid_argument("--connections must be at least 1");
  if (options.targets.empty()) throw std::invalid_argument("no target URL");
  if (!(options.seconds > 0)) throw std::invalid_argument("--seconds must be positive");

  std::vector<ThreadResult> results(static_cast<std::size_t>(options.connections));
  std::atomic<std::int64_t> claimed{0};
  const auto started = Clock::now();
  const auto deadline =
      started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(options.seconds));
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < options.connections; ++i) {
      threads.emplace_back([&, i] {
        connection_loop(options, i, deadline, claimed, results[static_cast<std::size_t>(i)]);
      });
    }
  }  // jthreads join here

  LoadResult total;
  total.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  std::vector<double> latencies;
  std::map<int, std::int64_t> statuses;
  for (auto& r : results) {
    total.requests += r.requests;
    total.errors += r.errors;
    latencies.insert(latencies.end(), r.latencies_ms.begin(), r.latencies_ms.end());
    for (const auto& [status, count] : r.statuses) statuses[status] += count;
    if (total.first_error.empty()) total.first_error = r.first_error;
  }
  std::sort(latencies.begin(), latencies.end());
  total.p50_ms = percentile(latencies, 0.50);
  total.p99_ms = percentile(latencies, 0.99);
  total.max_ms = latencies.empty() ? 0 : latencies.back();
  total.statuses.assign(statuses.begin(), statuses.end());
  return total;
}

std::string json_quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte >= 0x7f) {  // also keeps the line ASCII whatever the bytes
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string to_json(const LoadResult& result) {
  const double rps = result.seconds > 0 ? static_cast<double>(result.requests) / result.seconds : 0;
  std::string statuses = "{";
  for (const auto& [status, count] : result.statuses) {
    if (statuses.size() > 1) statuses += ", ";
    statuses += "\"" + std::to_string(status) + "\": " + std::to_string(count);
  }
  statuses += "}";
  return "{\"requests\": " + std::to_string(result.requests) + ", \"errors\": " + std::to_string(result.errors) +
         ", \"seconds\": " + number(result.seconds) + ", \"rps\": " + number(rps) +
         ", \"p50_ms\": " + number(result.p50_ms) + ", \"p99_ms\": " + number(result.p99_ms) +
         ", \"max_ms\": " + number(result.max_ms) + ", \"statuses\": " + statuses +
         ", \"first_error\": " + json_quote(result.first_error) + "}";
}

}  // namespace samverkan::load
