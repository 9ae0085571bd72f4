#include <samverkan/db/errors.hpp>
#include <samverkan/events/inbox_consumer.hpp>
#include <samverkan/log/log.hpp>

#include <algorithm>
#include <thread>

namespace samverkan::events {

namespace {
// Errors that say "the database is unavailable", not "this message is bad": retried forever.
bool is_transient(const std::exception& e) {
  return dynamic_cast<const db::PoolTimeout*>(&e) != nullptr ||
         dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr || db::is_retryable(e);
}
}  // namespace

InboxConsumer::InboxConsumer(ConsumerOptions options, db::Pool& pool, const std::string& brokers,
                             kafka::Producer& deadletter_producer, const SchemaRegistry& registry,
                             metrics::Metrics& metrics, const kafka::Properties& kafka_properties)
    : options_(std::move(options)),
      pool_(pool),
      consumer_(brokers, options_.name, options_.topics, kafka_properties),
      deadletter_(deadletter_producer),
      registry_(registry),
      metrics_(metrics) {
  metrics_.declare_consumer(options_.name);
}

void InboxConsumer::on(const std::string& type, EventHandler handler) {
  if (!registry_.knows(type)) throw std::invalid_argument("handler for unknown event type " + type);
  handlers_[type] = std::move(handler);
}

Outcome InboxConsumer::poll_once(std::chrono::milliseconds timeout) {
  refresh_lag();
  auto message = consumer_.poll(timeout);
  if (!message) return Outcome::Idle;
  const Outcome outcome = handle(*message, nullptr);
  consumer_.commit(*message);  // only now: the effect (or the dead letter) is durable
  return outcome;
}

void InboxConsumer::run(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    refresh_lag();
    std::optional<kafka::Message> message;
    try {
      message = consumer_.poll(std::chrono::milliseconds(200));
    } catch (const std::exception& e) {
      log::warn("consumer poll failed", {{"consumer", options_.name}, {"error", db::safe_description(e)}});
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      continue;
    }
    if (!message) continue;
    // Retry this same message until it is handled: moving on would let a later commit skip it.
    bool handled = false;
    while (!handled && !stop.stop_requested()) {
      try {
        handle(*message, &stop);
        handled = true;
      } catch (const std::exception& e) {
        log::error("message not handled; retrying", {{"consumer", options_.name}, {"error", db::safe_description(e)}});
        std::this_thread::sleep_for(std::chrono::seconds(1));
      }
    }
    if (stop.stop_requested()) return;  // uncommitted: redelivery is safe thanks to the inbox
    try {
      consumer_.commit(*message);
    } catch (const std::exception& e) {
      log::warn("offset commit failed; the event may be redelivered", {{"consumer", options_.name}, {"error", db::safe_description(e)}});
    }
  }
}

Outcome InboxConsumer::handle(const kafka::Message& message, const std::stop_token* stop) {
  Event event;
  try {
    event = from_kafka(message);
  } catch (const MalformedEvent& e) {
    metrics_.event_failed(options_.name, "malformed");
    return dead_letter(message, "malformed");
  }
  auto handler = handlers_.find(event.type);
  if (handler == handlers_.end()) return Outcome::Ignored;  // another service's concern
  try {
    registry_.validate(event.type, event.data, Strictness::Consumer);
  } catch (const std::exception& e) {
    metrics_.event_failed(options_.name, "schema");
    log::warn("event breaks its schema", {{"consumer", options_.name}, {"type", event.type}, {"event_id", event.id},
                                          {"error", db::safe_description(e)}});
    return dead_letter(message, "schema");
  }
  auto backoff = options_.first_backoff;
  for (int attempt = 1;; ++attempt) {
    try {
      const auto started = std::chrono::steady_clock::now();
      const bool applied = apply(event, handler->second);
      metrics_.event_consumed(options_.name, event.type, std::chrono::steady_clock::now() - started);
      return applied ? Outcome::Applied : Outcome::Duplicate;
    } catch (const std::exception& e) {
      const bool transient = is_transient(e);
      metrics_.event_failed(options_.name, transient ? "unavailable" : "handler");
      log::warn("event handling failed", {{"consumer", options_.name}, {"type", event.type}, {"event_id", event.id},
                                          {"attempt", static_cast<std::int64_t>(attempt)}, {"error", db::safe_description(e)}});
      if (!transient && attempt >= options_.max_attempts) return dead_letter(message, "handler");
    }
    if (stop != nullptr && stop->stop_requested()) return Outcome::Idle;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
}

bool InboxConsumer::apply(const Event& event, const EventHandler& handler) {
  return pool_.transact([&](pqxx::work& tx) {
    const auto inserted = tx.exec_params(
        "INSERT INTO processed_events (consumer, event_id, event_type) VALUES ($1, $2, $3) "
        "ON CONFLICT DO NOTHING",
        options_.name, event.id, event.type);
    if (inserted.affected_rows() == 0) return false;
    handler(tx, event);
    return true;
  });
}

Outcome InboxConsumer::dead_letter(const kafka::Message& message, const std::string& reason) {
  kafka::OutMessage letter{options_.deadletter_topic, message.key, message.value, message.headers};
  letter.headers.emplace_back("samverkan-dlq-reason", reason);
  letter.headers.emplace_back("samverkan-dlq-consumer", options_.name);
  letter.headers.emplace_back("samverkan-dlq-topic", message.topic);
  letter.headers.emplace_back("samverkan-dlq-partition", std::to_string(message.partition));
  letter.headers.emplace_back("samverkan-dlq-offset", std::to_string(message.offset));
  // If the dead-letter write fails we must not commit the offset: throw and let it come back.
  if (!deadletter_.send({letter}).at(0)) throw std::runtime_error("dead-letter topic unavailable");
  metrics_.event_dead_lettered(options_.name, reason);
  log::warn("message dead-lettered", {{"consumer", options_.name}, {"reason", reason}, {"topic", message.topic},
                                      {"partition", static_cast<std::int64_t>(message.partition)},
                                      {"offset", message.offset}});
  return Outcome::DeadLettered;
}

void InboxConsumer::refresh_lag() {
  const auto now = std::chrono::steady_clock::now();
  if (now - last_lag_refresh_ < std::chrono::seconds(2)) return;
  last_lag_refresh_ = now;
  std::map<std::string, double> per_topic;
  for (const auto& p : consumer_.lag()) per_topic[p.topic] += static_cast<double>(std::max<std::int64_t>(p.lag, 0));
  for (const auto& topic : options_.topics) metrics_.set_consumer_lag(options_.name, topic, per_topic[topic]);
}

}  // namespace samverkan::events
