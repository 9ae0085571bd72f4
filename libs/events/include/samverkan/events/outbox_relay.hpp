#pragma once
// Publishes outbox rows to Kafka in order and marks them published. If the process dies between
// the broker's acknowledgement and the mark, the row is sent again: delivery is at-least-once and
// the consumers' inbox makes the effect exactly-once. One relay per schema works at a time (a
// session advisory lock on the relay's own connection), so replicas cannot reorder an aggregate's
// events. The relay wakes on the NOTIFY that the outbox trigger sends (common/0002), and polls
// every poll_interval only in case a notification was lost.
#include <chrono>
#include <cstddef>
#include <memory>
#include <samverkan/db/pool.hpp>
#include <samverkan/kafka/producer.hpp>
#include <samverkan/metrics/metrics.hpp>
#include <stop_token>
#include <string>

namespace samverkan::events {

struct RelayOptions {
  // Fallback only: new rows wake the relay through LISTEN/NOTIFY.
  std::chrono::milliseconds poll_interval{1000};
  // false: no LISTEN, the relay only polls (tests that need events to stay in the outbox).
  bool listen = true;
  // Rows claimed and sent per round; the producer pipelines them, so larger rounds mean fewer
  // database round trips per event.
  std::size_t batch_size = 2000;
  std::chrono::hours retention{24 * 7};  // published rows are kept this long for inspection
  // Inbox rows must outlive any redelivery: keep them well past the topics' retention.
  std::chrono::hours inbox_retention{24 * 30};
};

class OutboxRelay {
 public:
  // database_url and schema open the relay's own connection (not from the pool: it holds the
  // relay lock and listens for as long as the relay lives). The pool serves the housekeeping.
  OutboxRelay(db::Pool& pool, std::string database_url, std::string schema,
              kafka::Producer& producer, metrics::Metrics& metrics, RelayOptions options = {});
  ~OutboxRelay();
  OutboxRelay(const OutboxRelay&) = delete;
  OutboxRelay& operator=(const OutboxRelay&) = delete;

  // One round: publishes up to batch_size rows; returns how many were marked published, 0 also
  // when another relay of the schema holds the lock. Throws (after marking the acknowledged
  // prefix) when the broker did not acknowledge the whole batch.
  std::size_t publish_batch();
  // Refreshes samverkan_outbox_backlog_events and samverkan_outbox_oldest_age_seconds.
  void refresh_metrics();
  // Loops until stop is requested; errors are logged and retried.
  void run(const std::stop_token& stop);

 private:
  struct Session;
  Session& session();
  bool wait_for_rows(const std::stop_token& stop, std::chrono::steady_clock::time_point until);
  void purge_expired();

  db::Pool& pool_;
  std::string database_url_;
  std::string schema_;
  kafka::Producer& producer_;
  metrics::Metrics& metrics_;
  RelayOptions options_;
  std::unique_ptr<Session> session_;
};

}  // namespace samverkan::events
