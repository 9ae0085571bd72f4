#pragma once
// Publishes outbox rows to Kafka in order and marks them published. If the process dies between
// the broker's acknowledgement and the mark, the row is sent again: delivery is at-least-once and
// the consumers' inbox makes the effect exactly-once. One relay per schema works at a time (an
// advisory lock), so replicas cannot reorder an aggregate's events.
#include <samverkan/db/pool.hpp>
#include <samverkan/kafka/producer.hpp>
#include <samverkan/metrics/metrics.hpp>

#include <chrono>
#include <cstddef>
#include <stop_token>

namespace samverkan::events {

struct RelayOptions {
  std::chrono::milliseconds poll_interval{50};
  std::size_t batch_size = 200;
  std::chrono::hours retention{24 * 7};  // published rows are kept this long for inspection
  // Inbox rows must outlive any redelivery: keep them well past the topics' retention.
  std::chrono::hours inbox_retention{24 * 30};
};

class OutboxRelay {
 public:
  OutboxRelay(db::Pool& pool, kafka::Producer& producer, metrics::Metrics& metrics,
              RelayOptions options = {});
  // One round: publishes up to batch_size rows; returns how many were marked published. Throws
  // (after marking the acknowledged prefix) when the broker did not acknowledge the whole batch.
  std::size_t publish_batch();
  // Refreshes samverkan_outbox_backlog_events and samverkan_outbox_oldest_age_seconds.
  void refresh_metrics();
  // Loops until stop is requested; errors are logged and retried.
  void run(const std::stop_token& stop);

 private:
  void purge_expired();
  db::Pool& pool_;
  kafka::Producer& producer_;
  metrics::Metrics& metrics_;
  RelayOptions options_;
};

}  // namespace samverkan::events
