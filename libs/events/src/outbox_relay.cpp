// The relay's failure model:
// - One relay per schema: it holds a session advisory lock on its own connection (the session),
//   not on a pooled one, so it keeps the lead until it stops or its session ends. The session does
//   every read and mark of the outbox, and each of those transactions takes the same lock again
//   (granted at once to the session that holds it): a relay whose session was lost, even if
//   libpqxx reconnected it silently, can neither read nor mark while another relay leads.
// - No transaction is open while the relay waits for Kafka: it reads a batch in one short
//   transaction, sends it with the connection idle, then marks it in another.
// - Order: rows are sent in seq order and only the acknowledged prefix is marked, so a failed
//   row is sent again before anything after it.
// - Wake-ups: the outbox trigger NOTIFYs on the schema's channel when a writing transaction
//   commits. The relay notes how many notifications it had seen before it reads, so a row
//   committed during a round causes another round; the fallback poll covers a lost notification.
#include <boost/json/parse.hpp>
#include <samverkan/db/errors.hpp>
#include <samverkan/events/outbox_relay.hpp>
#include <samverkan/log/log.hpp>
#include <thread>

namespace samverkan::events {

namespace {
constexpr const char* kLockKey = "hashtext('samverkan.outbox.' || current_schema())";

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

// Must match the trigger in schemas/sql/common/0002_outbox_notify.sql, which cuts the name to
// PostgreSQL's 63-byte identifier limit.
std::string channel_for(const std::string& schema) {
  return ("samverkan_outbox_" + schema).substr(0, 63);
}

class Wakeup final : public pqxx::notification_receiver {
 public:
  Wakeup(pqxx::connection_base& conn, const std::string& channel)
      : pqxx::notification_receiver(conn, channel) {}
  void operator()(const std::string& /*payload*/, int /*backend_pid*/) override { ++received; }
  std::uint64_t received = 0;
};

bool still_leads(pqxx::work& tx) {
  return tx.exec(std::string("SELECT pg_try_advisory_xact_lock(") + kLockKey + ")")[0][0]
      .as<bool>();
}

struct Row {
  std::string seq, type;
  kafka::OutMessage message;
};
}  // namespace

struct OutboxRelay::Session {
  Session(const std::string& url, const std::string& schema, bool listen)
      : conn(db::with_network_timeouts(url)) {
    conn.set_variable("search_path", conn.quote_name(schema));
    if (listen) wakeup = std::make_unique<Wakeup>(conn, channel_for(schema));
  }
  [[nodiscard]] std::uint64_t received() const { return wakeup ? wakeup->received : 0; }
  pqxx::connection conn;
  std::unique_ptr<Wakeup> wakeup;  // declared after conn: unregisters before it closes
  bool leader = false;
  std::uint64_t seen = 0;  // notifications received before the last read of the outbox
};

OutboxRelay::OutboxRelay(db::Pool& pool, std::string database_url, std::string schema,
                         kafka::Producer& producer, metrics::Metrics& metrics, RelayOptions options)
    : pool_(pool),
      database_url_(std::move(database_url)),
      schema_(std::move(schema)),
      producer_(producer),
      metrics_(metrics),
      options_(options) {}

OutboxRelay::~OutboxRelay() = default;

OutboxRelay::Session& OutboxRelay::session() {
  if (!session_) session_ = std::make_unique<Session>(database_url_, schema_, options_.listen);
  return *session_;
}

std::size_t OutboxRelay::publish_batch() {
  std::vector<Row> rows;
  Session* s = nullptr;
  try {
    s = &session();
    if (!s->leader) {
      pqxx::nontransaction tx(s->conn);
      s->leader =
          tx.exec(std::string("SELECT pg_try_advisory_lock(") + kLockKey + ")")[0][0].as<bool>();
    }
    if (!s->leader) return 0;
    s->seen = s->received();
    pqxx::work tx(s->conn);
    if (!still_leads(tx)) throw std::runtime_error("outbox relay lost its lock");
    const auto result = tx.exec_params(
        // The seqs are picked first, alone: after a burst of inserts, before autovacuum has
        // analysed the table, the planner would otherwise sort every unpublished row with its
        // payload to keep the first few.
        "SELECT seq, aggregateid, type, topic, payload::text, headers::text FROM outbox "
        "WHERE seq IN (SELECT seq FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1) "
        "ORDER BY seq",
        static_cast<long>(options_.batch_size));
    tx.commit();
    rows.reserve(result.size());
    for (const auto& r : result) {
      rows.push_back({r[0].as<std::string>(),
                      r[2].as<std::string>(),
                      {r[3].as<std::string>(), r[1].as<std::string>(), r[4].as<std::string>(),
                       parse_headers(r[5].as<std::string>())}});
    }
  } catch (const std::exception&) {
    session_.reset();  // a broken session has lost the lock too: reconnect and ask again
    throw;
  }
  if (rows.empty()) return 0;

  std::vector<kafka::OutMessage> messages;
  messages.reserve(rows.size());
  for (auto& row : rows) messages.push_back(std::move(row.message));
  const auto acknowledged = producer_.send(messages);

  // Mark only the acknowledged prefix: a later event of the same aggregate must not overtake an
  // earlier one that will be retried.
  std::string seqs = "{";
  std::size_t published = 0;
  for (; published < rows.size() && acknowledged[published]; ++published) {
    if (published > 0) seqs += ',';
    seqs += rows[published].seq;
  }
  seqs += '}';
  if (published > 0) {
    try {
      pqxx::work tx(s->conn);
      if (!still_leads(tx)) throw std::runtime_error("outbox relay lost its lock before marking");
      tx.exec_params("UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])", seqs);
      tx.commit();
    } catch (const std::exception&) {
      session_.reset();  // the rows stay unpublished and are sent again: at-least-once
      throw;
    }
    for (std::size_t i = 0; i < published; ++i)
      metrics_.event_produced(messages[i].topic, rows[i].type);
  }
  if (published < rows.size()) {
    // Thrown after the mark, so the published prefix stays marked; run() then backs off
    // instead of resending the rest at once.
    throw std::runtime_error("outbox publish incomplete: " + std::to_string(published) + " of " +
                             std::to_string(rows.size()) + " acknowledged");
  }
  return published;
}

bool OutboxRelay::wait_for_rows(const std::stop_token& stop,
                                std::chrono::steady_clock::time_point until) {
  try {
    Session& s = session();
    while (!stop.stop_requested()) {
      if (s.received() > s.seen) return true;
      const auto left = until - std::chrono::steady_clock::now();
      if (left <= std::chrono::steady_clock::duration::zero()) return false;
      // Short slices keep a stop request prompt.
      const auto slice = std::chrono::duration_cast<std::chrono::microseconds>(
          std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(100)));
      s.conn.await_notification(static_cast<long>(slice.count() / 1000000),
                                static_cast<long>(slice.count() % 1000000));
    }
    return false;
  } catch (const std::exception&) {
    session_.reset();
    throw;
  }
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
    tx.exec_params(
        "DELETE FROM processed_events WHERE processed_at < now() - make_interval(hours => $1)",
        static_cast<int>(options_.inbox_retention.count()));
  });
}

void OutboxRelay::run(const std::stop_token& stop) {
  using clock = std::chrono::steady_clock;
  constexpr std::chrono::milliseconds kFirstBackoff{100};
  auto next_metrics = clock::now();
  auto next_purge = clock::now();
  auto next_poll = clock::now();
  auto backoff = kFirstBackoff;
  bool rows_may_wait = true;
  while (!stop.stop_requested()) {
    try {
      if (rows_may_wait) {
        const std::size_t published = publish_batch();
        rows_may_wait = published == options_.batch_size;  // a full round: more may be waiting
        if (!rows_may_wait) next_poll = clock::now() + options_.poll_interval;
      }
      if (clock::now() >= next_metrics) {
        refresh_metrics();
        next_metrics = clock::now() + std::chrono::seconds(1);
      }
      if (clock::now() >= next_purge) {
        purge_expired();
        next_purge = clock::now() + std::chrono::minutes(10);
      }
      backoff = kFirstBackoff;
      if (!rows_may_wait) {
        // Woken by a notification, the fallback poll, or just for the metrics refresh.
        rows_may_wait =
            wait_for_rows(stop, std::min(next_poll, next_metrics)) || clock::now() >= next_poll;
      }
    } catch (const std::exception& e) {
      log::warn("outbox relay error; retrying", {{"error", db::safe_description(e)}});
      rows_may_wait = true;
      pause(stop, backoff);
      backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
  }
}

}  // namespace samverkan::events
