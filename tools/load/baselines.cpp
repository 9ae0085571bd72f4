#include "baselines.hpp"

#include <samverkan/http/router.hpp>
#include <samverkan/http/server.hpp>
#include <samverkan/kafka/producer.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <stdexcept>

namespace samverkan::load {

LoadResult run_baseline_http(int connections, double seconds, std::int64_t max_requests, int server_threads) {
  http::Router router;
  router.add(http::Method::Get, "/v1/ping", [](http::Request&) {
    return http::json_response(200, {{"ok", true}, {"service", "baseline"}});
  });
  http::ServerOptions server_options;
  server_options.address = "127.0.0.1";
  server_options.port = 0;
  server_options.threads = server_threads;
  http::Server server(server_options, router);
  server.start();

  LoadOptions options;
  options.host = "127.0.0.1";
  options.port = server.port();
  options.targets = {"/v1/ping"};
  options.connections = connections;
  options.seconds = seconds;
  options.max_requests = max_requests;
  LoadResult result;
  try {
    result = run_load(options);
  } catch (...) {
    server.stop(std::chrono::seconds(1));
    throw;
  }
  server.stop(std::chrono::seconds(2));
  return result;
}

KafkaResult run_baseline_kafka(const std::string& brokers, std::int64_t messages, int batch, double max_seconds) {
  if (messages < 1 || batch < 1) throw std::invalid_argument("--messages and --batch must be at least 1");
  KafkaResult result;
  result.topic = "load_" + std::to_string(::getpid());
  kafka::Producer producer(brokers);
  if (!producer.ping(std::chrono::seconds(5))) throw std::runtime_error("the broker at " + brokers + " does not answer");

  // Roughly the size of a small event; keys spread over partitions like aggregate ids do.
  const std::string value(200, 'x');
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const auto deadline =
      started + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(max_seconds));
  std::int64_t sent = 0;
  while (sent < messages && Clock::now() < deadline) {
    std::vector<kafka::OutMessage> chunk;
    const auto size = std::min<std::int64_t>(batch, messages - sent);
    chunk.reserve(static_cast<std::size_t>(size));
    for (std::int64_t i = 0; i < size; ++i) {
      chunk.push_back({result.topic, "key-" + std::to_string(sent + i), value, {}});
    }
    for (const bool ok : producer.send(chunk)) ok ? ++result.messages : ++result.failed;
    sent += size;
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

std::string to_json(const KafkaResult& result) {
  const double rate = result.seconds > 0 ? static_cast<double>(result.messages) / result.seconds : 0;
  char numbers[128];
  std::snprintf(numbers, sizeof numbers, "\"seconds\": %.3f, \"msgs_per_s\": %.3f", result.seconds, rate);
  return "{\"messages\": " + std::to_string(result.messages) + ", \"failed\": " + std::to_string(result.failed) +
         ", " + numbers + ", \"topic\": " + json_quote(result.topic) + "}";
}

}  // namespace samverkan::load
