#pragma once
// The baselines the load results are divided by, taken in the same run on the same machine.
#include "http_load.hpp"

#include <cstdint>
#include <string>

namespace samverkan::load {

// "Bare Beast": an in-process samverkan::http::Server on a free loopback port with one trivial GET
// route (no auth, no database), loaded with the same loop as `samverkan-load http`.
LoadResult run_baseline_http(int connections, double seconds, std::int64_t max_requests, int server_threads);

struct KafkaResult {
  std::int64_t messages = 0;  // acknowledged by the broker
  std::int64_t failed = 0;    // not acknowledged within the send timeout
  double seconds = 0;
  std::string topic;
};

// Produces small messages with samverkan::kafka::Producer::send, `batch` per call, to a fresh
// topic, until `messages` are sent or `max_seconds` have passed (checked between batches).
KafkaResult run_baseline_kafka(const std::string& brokers, std::int64_t messages, int batch, double max_seconds);

std::string to_json(const KafkaResult& result);

}  // namespace samverkan::load
