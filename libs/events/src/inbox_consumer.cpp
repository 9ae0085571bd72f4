// The consumer's failure model:
// - An offset is committed only after every message up to it is applied (its transaction
//   committed), skipped as a duplicate or another service's type, or written to the dead-letter
//   topic. A crash anywhere before that commit redelivers the messages, and the inbox rows make
//   the redelivery harmless. So no offset ever passes an unapplied message.
// - A batch (what one poll round fetched, at most max_batch) is applied in one transaction: one
//   INSERT of all its inbox rows tells the new events from the duplicates, then the handlers run
//   in the order polled, which keeps each partition's order. The offsets committed are each
//   partition's highest in the batch.
// - A database outage (no connection, a lost one, a serialization failure that outlasted the
//   pool's retries) fails the whole transaction and the batch is retried as it is, forever: it is
//   never dead-lettered.
// - Any other failure leaves the batch's transaction rolled back, and the batch is handled again
//   one event per transaction, each with its own max_attempts; only the event that keeps failing
//   is dead-lettered and the others are applied once.
// - Malformed messages and data that break their schema never reach a transaction: they are
//   dead-lettered at once. Types without a handler are skipped (and their offsets committed).
#include <algorithm>
#include <samverkan/db/errors.hpp>
#include <samverkan/events/inbox_consumer.hpp>
#include <samverkan/log/log.hpp>
#include <thread>

namespace samverkan::events {

namespace {
// Errors that say "the database is unavailable", not "this message is bad": retried forever.
bool is_transient(const std::exception& e) {
  return dynamic_cast<const db::PoolTimeout*>(&e) != nullptr ||
         dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr || db::is_retryable(e);
}

// A PostgreSQL array literal of the values, each quoted.
std::string array_literal(const std::vector<const std::string*>& values) {
  std::string text = "{";
  for (const auto* value : values) {
    if (text.size() > 1) text += ',';
    text += '"';
    for (char c : *value) {
      if (c == '"' || c == '\\') text += '\\';
      text += c;
    }
    text += '"';
  }
  return text + '}';
}

using Clock = std::chrono::steady_clock;
}  // namespace

struct InboxConsumer::Pending {
  std::size_t index;  // in the batch
  const kafka::Message* message;
  Event event;
  const EventHandler* handler;
};

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

std::vector<Outcome> InboxConsumer::poll_once(std::chrono::milliseconds timeout) {
  refresh_lag();
  const auto batch = consumer_.poll_batch(options_.max_batch, timeout);
  if (batch.empty()) return {};
  auto outcomes = handle(batch, nullptr);
  consumer_.commit(batch);  // only now: the effects (or the dead letters) are durable
  return *outcomes;
}

std::vector<Outcome> InboxConsumer::handle_batch(const std::vector<kafka::Message>& batch) {
  return *handle(batch, nullptr);
}

void InboxConsumer::run(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    refresh_lag();
    std::vector<kafka::Message> batch;
    try {
      batch = consumer_.poll_batch(options_.max_batch, std::chrono::milliseconds(200));
    } catch (const std::exception& e) {
      log::warn("consumer poll failed",
                {{"consumer", options_.name}, {"error", db::safe_description(e)}});
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
      continue;
    }
    if (batch.empty()) continue;
    // Retry this same batch until it is handled: moving on would let a later commit skip it.
    bool handled = false;
    while (!handled && !stop.stop_requested()) {
      try {
        handled = handle(batch, &stop).has_value();
      } catch (const std::exception& e) {
        log::error("messages not handled; retrying",
                   {{"consumer", options_.name}, {"error", db::safe_description(e)}});
        std::this_thread::sleep_for(std::chrono::seconds(1));
      }
    }
    if (!handled) return;  // stopping, uncommitted: redelivery is safe thanks to the inbox
    try {
      consumer_.commit(batch);
    } catch (const std::exception& e) {
      log::warn("offset commit failed; events may be redelivered",
                {{"consumer", options_.name}, {"error", db::safe_description(e)}});
    }
  }
}

std::optional<std::vector<Outcome>> InboxConsumer::handle(const std::vector<kafka::Message>& batch,
                                                          const std::stop_token* stop) {
  std::vector<Outcome> outcomes(batch.size(), Outcome::Ignored);
  std::vector<Pending> pending;
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Event event;
    try {
      event = from_kafka(batch[i]);
    } catch (const MalformedEvent&) {
      metrics_.event_failed(options_.name, "malformed");
      outcomes[i] = dead_letter(batch[i], "malformed");
      continue;
    }
    auto handler = handlers_.find(event.type);
    if (handler == handlers_.end()) continue;  // another service's concern
    try {
      registry_.validate(event.type, event.data, Strictness::Consumer);
    } catch (const std::exception& e) {
      metrics_.event_failed(options_.name, "schema");
      log::warn("event breaks its schema", {{"consumer", options_.name},
                                            {"type", event.type},
                                            {"event_id", event.id},
                                            {"error", db::safe_description(e)}});
      outcomes[i] = dead_letter(batch[i], "schema");
      continue;
    }
    pending.push_back({i, &batch[i], std::move(event), &handler->second});
  }
  if (pending.empty()) return outcomes;

  auto backoff = options_.first_backoff;
  for (;;) {
    try {
      const auto applied = apply_together(pending);
      for (std::size_t k = 0; k < pending.size(); ++k) outcomes[pending[k].index] = applied[k];
      return outcomes;
    } catch (const std::exception& e) {
      if (!is_transient(e)) {
        log::warn("batch failed; handling its events one by one",
                  {{"consumer", options_.name},
                   {"events", static_cast<std::int64_t>(pending.size())},
                   {"error", db::safe_description(e)}});
        break;
      }
      for (std::size_t k = 0; k < pending.size(); ++k)
        metrics_.event_failed(options_.name, "unavailable");
      log::warn("batch failed; database unavailable, retrying",
                {{"consumer", options_.name},
                 {"events", static_cast<std::int64_t>(pending.size())},
                 {"error", db::safe_description(e)}});
    }
    if (stop != nullptr && stop->stop_requested()) return std::nullopt;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }

  for (const auto& p : pending) {
    outcomes[p.index] = handle_alone(p, stop);
    if (outcomes[p.index] == Outcome::Idle) return std::nullopt;
  }
  return outcomes;
}

std::vector<Outcome> InboxConsumer::apply_together(const std::vector<Pending>& pending) {
  std::vector<const std::string*> ids, types;
  for (const auto& p : pending) {
    ids.push_back(&p.event.id);
    types.push_back(&p.event.type);
  }
  const std::string id_array = array_literal(ids), type_array = array_literal(types);
  std::vector<Outcome> outcomes;
  std::vector<Clock::duration> took;
  Clock::duration shared{};
  pool_.transact([&](pqxx::work& tx) {
    outcomes.assign(pending.size(), Outcome::Duplicate);
    took.assign(pending.size(), Clock::duration::zero());
    const auto started = Clock::now();
    // One round trip for the whole batch: the position of each event inserted now (the first,
    // if the batch holds it twice); every other one was applied before.
    const auto fresh = tx.exec_params(
        "WITH input AS (SELECT id, type, n FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY "
        "                AS t(id, type, n)), "
        "     inserted AS (INSERT INTO processed_events (consumer, event_id, event_type) "
        "                  SELECT $1, id, type FROM input ON CONFLICT DO NOTHING RETURNING "
        "event_id) "
        "SELECT min(input.n) FROM input JOIN inserted ON inserted.event_id = input.id GROUP BY "
        "input.id",
        options_.name, id_array, type_array);
    for (const auto& row : fresh) outcomes.at(row[0].as<std::size_t>() - 1) = Outcome::Applied;
    shared = (Clock::now() - started) / static_cast<long>(pending.size());
    for (std::size_t k = 0; k < pending.size(); ++k) {
      if (outcomes[k] != Outcome::Applied) continue;
      const auto handler_started = Clock::now();
      (*pending[k].handler)(tx, pending[k].event);
      took[k] = Clock::now() - handler_started;
    }
  });
  for (std::size_t k = 0; k < pending.size(); ++k)
    metrics_.event_consumed(options_.name, pending[k].event.type, took[k] + shared);
  return outcomes;
}

Outcome InboxConsumer::handle_alone(const Pending& pending, const std::stop_token* stop) {
  const Event& event = pending.event;
  auto backoff = options_.first_backoff;
  for (int attempt = 1;; ++attempt) {
    try {
      const auto started = Clock::now();
      const bool applied = pool_.transact([&](pqxx::work& tx) {
        const auto inserted = tx.exec_params(
            "INSERT INTO processed_events (consumer, event_id, event_type) VALUES ($1, $2, $3) "
            "ON CONFLICT DO NOTHING",
            options_.name, event.id, event.type);
        if (inserted.affected_rows() == 0) return false;
        (*pending.handler)(tx, event);
        return true;
      });
      metrics_.event_consumed(options_.name, event.type, Clock::now() - started);
      return applied ? Outcome::Applied : Outcome::Duplicate;
    } catch (const std::exception& e) {
      const bool transient = is_transient(e);
      metrics_.event_failed(options_.name, transient ? "unavailable" : "handler");
      log::warn("event handling failed", {{"consumer", options_.name},
                                          {"type", event.type},
                                          {"event_id", event.id},
                                          {"attempt", static_cast<std::int64_t>(attempt)},
                                          {"error", db::safe_description(e)}});
      if (!transient && attempt >= options_.max_attempts)
        return dead_letter(*pending.message, "handler");
    }
    if (stop != nullptr && stop->stop_requested()) return Outcome::Idle;
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
  }
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
  log::warn("message dead-lettered", {{"consumer", options_.name},
                                      {"reason", reason},
                                      {"topic", message.topic},
                                      {"partition", static_cast<std::int64_t>(message.partition)},
                                      {"offset", message.offset}});
  return Outcome::DeadLettered;
}

void InboxConsumer::refresh_lag() {
  const auto now = Clock::now();
  if (now - last_lag_refresh_ < std::chrono::seconds(2)) return;
  last_lag_refresh_ = now;
  std::map<std::string, double> per_topic;
  for (const auto& p : consumer_.lag())
    per_topic[p.topic] += static_cast<double>(std::max<std::int64_t>(p.lag, 0));
  for (const auto& topic : options_.topics)
    metrics_.set_consumer_lag(options_.name, topic, per_topic[topic]);
}

}  // namespace samverkan::events
