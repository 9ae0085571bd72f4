#pragma once
// Consumes events with an exactly-once effect, a batch of messages at a time: the handlers of a
// batch run in one transaction that also inserts each (consumer, event_id) into processed_events,
// and the Kafka offsets are committed only after that transaction commits. A redelivered event
// finds its row and is skipped.
//
// Poison messages go to the dead-letter topic and the consumer moves on: a message that is not a
// CloudEvent or whose data breaks its schema at once, a handler that keeps failing after
// max_attempts (the batch is then handled one event at a time, so only the poison one is left
// out). A database outage is not poison: it is retried until the database is back.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/events/schema_registry.hpp>
#include <samverkan/kafka/consumer.hpp>
#include <samverkan/kafka/producer.hpp>
#include <samverkan/metrics/metrics.hpp>
#include <stop_token>
#include <string>
#include <vector>

namespace samverkan::events {

using EventHandler = std::function<void(pqxx::work&, const Event&)>;

struct ConsumerOptions {
  std::string name;  // consumer group id and processed_events.consumer, e.g. "reporting"
  std::vector<std::string> topics;
  std::string deadletter_topic = "samverkan.deadletter";
  int max_attempts = 5;
  std::chrono::milliseconds first_backoff{100};
  // Messages handled in one database transaction, at most: what one poll round has fetched.
  std::size_t max_batch = 500;
};

enum class Outcome { Idle, Applied, Duplicate, Ignored, DeadLettered };

class InboxConsumer {
 public:
  InboxConsumer(ConsumerOptions options, db::Pool& pool, const std::string& brokers,
                kafka::Producer& deadletter_producer, const SchemaRegistry& registry,
                metrics::Metrics& metrics, const kafka::Properties& kafka_properties = {});

  void on(const std::string& type, EventHandler handler);
  // Handles at most one batch and commits its offsets; one outcome per message, in the order
  // polled; empty if nothing arrived within timeout. Retries a database outage until it ends.
  std::vector<Outcome> poll_once(std::chrono::milliseconds timeout);
  void run(const std::stop_token& stop);
  // Handles messages as one batch, as poll_once does, but commits no offset: the messages need
  // not come from this consumer's subscription. Retries a database outage until it ends.
  std::vector<Outcome> handle_batch(const std::vector<kafka::Message>& batch);

 private:
  struct Pending;
  // nullopt: stop was requested before every message was handled.
  std::optional<std::vector<Outcome>> handle(const std::vector<kafka::Message>& batch,
                                             const std::stop_token* stop);
  std::vector<Outcome> apply_together(const std::vector<Pending>& pending);
  Outcome handle_alone(const Pending& pending, const std::stop_token* stop);
  Outcome dead_letter(const kafka::Message& message, const std::string& reason);
  void refresh_lag();

  ConsumerOptions options_;
  db::Pool& pool_;
  kafka::Consumer consumer_;
  kafka::Producer& deadletter_;
  const SchemaRegistry& registry_;
  metrics::Metrics& metrics_;
  std::map<std::string, EventHandler> handlers_;
  std::chrono::steady_clock::time_point last_lag_refresh_{};
};

}  // namespace samverkan::events
