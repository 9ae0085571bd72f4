#include <samverkan/db/errors.hpp>
#include <samverkan/events/outbox_relay.hpp>
#include <samverkan/log/log.hpp>

#include <boost/json/parse.hpp>
#include <thread>

namespace samverkan::events {

namespace {
kafka::Headers parse_headers(const std::string& text) {
  kafka::Headers headers;
  const boost::json::value parsed = boost::json::parse(text);
  for (const auto& [name, value] : parsed.as_object()) {
    headers.emplace_back(std::string(name), std::string(value.as_string()));
  }
  return headers;
}

// Sleeps up to duration, returning early when stop is requested.
void pause(const std::stop_token& stop, std::chrono::milliseconds duration) {
  const auto until = std::chrono::steady_clock::now() + duration;
  while (!stop.stop_requested() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::min(duration, std::chrono::milliseconds(10)));
  }
}
}  // namespace

OutboxRelay::OutboxRelay(db::Pool& pool, kafka::Producer& producer, metrics::Metrics& metrics,
                         RelayOptions options)
    : pool_(pool), producer_(producer), metrics_(metrics), options_(options) {}

std::size_t OutboxRelay::publish_batch() {
  auto lease = pool_.acquire();
  pqxx::work tx(*lease);
  // Only one relay per schema at a time, so two replicas never interleave an aggregate's events.
  if (!tx.exec("SELECT pg_try_advisory_xact_lock(hashtext('samverkan.outbox.' || current_schema()))")[0][0]
           .as<bool>()) {
    return 0;
  }
  const auto rows = tx.exec_params(
      "SELECT seq, aggregateid, type, topic, payload::text, headers::text FROM outbox "
      "WHERE published_at IS NULL ORDER BY seq LIMIT $1",
      static_cast<long>(options_.batch_size));
  if (rows.empty()) return 0;
  std::vector<kafka::OutMessage> messages;
  messages.reserve(rows.size());
  for (const auto& row : rows) {
    messages.push_back({row[3].as<std::string>(), row[1].as<std::string>(), row[4].as<std::string>(),
                        parse_headers(row[5].as<std::string>())});
  }
  const auto acknowledged = producer_.send(messages);
  // Mark only the acknowledged prefix: a later event of the same aggregate must not overtake an
  // earlier one that will be retried.
  std::string seqs = "{";
  std::size_t published = 0;
  for (; published < rows.size() && acknowledged[published]; ++published) {
    if (published > 0) seqs += ',';
    seqs += rows[published][0].as<std::string>();
    metrics_.event_produced(messages[published].topic, rows[published][2].as<std::string>());
  }
  seqs += '}';
  if (published > 0) {
    tx.exec_params("UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])", seqs);
  }
  tx.commit();
  if (published < rows.size()) {
    // Thrown after the commit, so the published prefix stays marked; run() then backs off
    // instead of resending the rest every poll interval.
    throw std::runtime_error("outbox publish incomplete: " + std::to_string(published) + " of " +
                             std::to_string(rows.size()) + " acknowledged");
  }
  return published;
}

void OutboxRelay::refresh_metrics() {
  const auto row = pool_.transact([](pqxx::work& tx) {
    return tx.exec(
        "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) "
        "FROM outbox WHERE published_at IS NULL")[0];
  });
  metrics_.set_outbox(row[0].as<double>(), row[1].as<double>());
}

void OutboxRelay::purge_expired() {
  pool_.transact([this](pqxx::work& tx) {
    tx.exec_params("DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)",
                   static_cast<int>(options_.retention.count()));
    tx.exec_params("DELETE FROM processed_events WHERE processed_at < now() - make_interval(hours => $1)",
                   static_cast<int>(options_.inbox_retention.count()));
  });
}

void OutboxRelay::run(const std::stop_token& stop) {
  using clock = std::chrono::steady_clock;
  auto next_metrics = clock::now();
  auto next_purge = clock::now();
  auto backoff = options_.poll_interval;
  while (!stop.stop_requested()) {
    try {
      const std::size_t published = publish_batch();
      if (clock::now() >= next_metrics) {
        refresh_metrics();
        next_metrics = clock::now() + std::chrono::seconds(1);
      }
      if (clock::now() >= next_purge) {
        purge_expired();
        next_purge = clock::now() + std::chrono::minutes(10);
      }
      backoff = options_.poll_interval;
      if (published == options_.batch_size) continue;  // more may be waiting
    } catch (const std::exception& e) {
      log::warn("outbox relay error; retrying", {{"error", db::safe_description(e)}});
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
    pause(stop, backoff);
  }
}

}  // namespace samverkan::events
