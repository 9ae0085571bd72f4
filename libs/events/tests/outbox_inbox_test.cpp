// Outbox, relay and inbox against a real PostgreSQL and the dev broker (no mocks).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/json/serialize.hpp>
#include <iostream>
#include <samverkan/db/migrate.hpp>
#include <samverkan/events/inbox_consumer.hpp>
#include <samverkan/events/outbox.hpp>
#include <samverkan/events/outbox_relay.hpp>
#include <samverkan/testing/infra.hpp>
#include <thread>

namespace samverkan::events {
namespace {

using namespace std::chrono_literals;
const std::string kType = "se.samverkan.modules.programme.created.v1";

class OutboxInbox : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& infra = testing::infra();
    schema_ = testing::unique_name("events_it");
    db::migrate(infra.database_url, schema_,
                std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql" / "common");
    pool_ = std::make_unique<db::Pool>(infra.database_url, schema_, 4);
    pool_->transact([](pqxx::work& tx) {
      tx.exec("CREATE TABLE effects (event_id uuid NOT NULL, title text NOT NULL)");
    });
    producer_ = std::make_unique<kafka::Producer>(infra.kafka_brokers);
  }

  boost::json::object programme(const std::string& id, const std::string& title) {
    return {
        {"federation_id", "testfed"}, {"programme_id", id}, {"title", title}, {"funder", nullptr}};
  }

  std::unique_ptr<InboxConsumer> consumer(
      const std::string& topic, const std::string& deadletter,
      const std::string& group = testing::unique_name("group")) {
    ConsumerOptions options{group, {topic}, deadletter, 3, 1ms};
    auto c = std::make_unique<InboxConsumer>(options, *pool_, testing::infra().kafka_brokers,
                                             *producer_, registry_, metrics_);
    c->on(kType, [this](pqxx::work& tx, const Event& e) {
      if (e.data.at("title").as_string() == "always fails") throw std::runtime_error("handler bug");
      if (e.data.at("title").as_string() == "flaky" && database_down_) {
        ++flaky_attempts_;
        throw pqxx::broken_connection("the database went away");
      }
      tx.exec_params("INSERT INTO effects (event_id, title) VALUES ($1, $2)", e.id,
                     std::string(e.data.at("title").as_string()));
    });
    return c;
  }

  // Polls until `count` outcomes arrived, failing after a generous deadline.
  std::vector<Outcome> drain(InboxConsumer& c, std::size_t count) {
    std::vector<Outcome> outcomes;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (outcomes.size() < count && std::chrono::steady_clock::now() < deadline) {
      for (auto o : c.poll_once(200ms)) outcomes.push_back(o);
    }
    EXPECT_EQ(outcomes.size(), count) << "timed out waiting for messages";
    return outcomes;
  }

  long count(const std::string& sql) {
    return pool_->transact([&](pqxx::work& tx) { return tx.exec(sql)[0][0].as<long>(); });
  }

  kafka::OutMessage as_message(const std::string& topic, const Event& e) {
    return {topic, e.subject, boost::json::serialize(e.data), cloudevent_headers(e)};
  }

  // As the consumer would receive it: every message on partition 0 of topic, numbered in order.
  std::vector<kafka::Message> received(const std::string& topic, const std::vector<Event>& events) {
    std::vector<kafka::Message> batch;
    for (const auto& e : events) {
      auto out = as_message(topic, e);
      batch.push_back(
          {topic, 0, static_cast<std::int64_t>(batch.size()), out.key, out.value, out.headers});
    }
    return batch;
  }

  long effects_of(const Event& e) {
    return count("SELECT count(*) FROM effects WHERE event_id = '" + e.id + "'");
  }

  Event event(const std::string& title) {
    const auto id = new_event_id();
    return {new_event_id(), kType, "/test", id, now_rfc3339(), "", programme(id, title)};
  }

  std::string schema_;
  SchemaRegistry registry_{std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events"};
  metrics::Metrics metrics_{"events-test"};
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<kafka::Producer> producer_;
  std::atomic<bool> database_down_{false};
  std::atomic<int> flaky_attempts_{0};
};

TEST_F(OutboxInbox, RolledBackStateChangeLeavesNoEvent) {
  Outbox outbox(registry_, "/test");
  try {
    pool_->transact([&](pqxx::work& tx) {
      outbox.append(tx, kType, "programme", new_event_id(), programme(new_event_id(), "x"));
      throw std::runtime_error("state change failed");
    });
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 0);
}

TEST_F(OutboxInbox, InvalidEventDataIsRefusedAtTheSource) {
  Outbox outbox(registry_, "/test");
  EXPECT_THROW(pool_->transact([&](pqxx::work& tx) {
    outbox.append(tx, kType, "programme", "p", boost::json::object{{"federation_id", "testfed"}});
  }),
               std::logic_error);
}

TEST_F(OutboxInbox, AppendAllKeepsTheOrderAndRefusesAnInvalidEventBeforeWritingAny) {
  Outbox outbox(registry_, "/test");
  std::vector<PendingEvent> events;
  for (int i = 0; i < 9000; ++i) {  // more than one statement's worth of rows
    const auto id = new_event_id();
    events.push_back({kType, "programme", id, programme(id, "title " + std::to_string(i))});
  }
  pool_->transact([&](pqxx::work& tx) { outbox.append_all(tx, events, "00-trace"); });
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 9000);
  // Every row sits at its place in the given order.
  EXPECT_EQ(count("SELECT count(*) FROM (SELECT payload->>'title' AS title, "
                  "row_number() OVER (ORDER BY seq) AS n FROM outbox) o "
                  "WHERE o.title = 'title ' || (o.n - 1)"),
            9000);
  events.push_back({kType, "programme", "p", boost::json::object{{"federation_id", "testfed"}}});
  EXPECT_THROW(pool_->transact([&](pqxx::work& tx) { outbox.append_all(tx, events); }),
               std::logic_error);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 9000);
}

TEST_F(OutboxInbox, RelayPublishesCommittedEventsThatConsumersApplyOnce) {
  Outbox outbox(registry_, "/test");
  const std::string aggregate = new_event_id();
  const std::string title = testing::unique_name("title");
  pool_->transact([&](pqxx::work& tx) {
    outbox.append(tx, kType, "programme", aggregate, programme(aggregate, title));
  });
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE published_at IS NULL"), 1);

  OutboxRelay relay(*pool_, testing::infra().database_url, schema_, *producer_, metrics_);
  EXPECT_EQ(relay.publish_batch(), 1u);
  EXPECT_EQ(relay.publish_batch(), 0u);
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE published_at IS NULL"), 0);

  // A consumer in a fresh group sees the whole topic; other tests' events are applied too, so
  // look only at ours.
  auto c = consumer("samverkan.modules", testing::unique_name("dlq"));
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (count("SELECT count(*) FROM effects WHERE title = '" + title + "'") == 0 &&
         std::chrono::steady_clock::now() < deadline) {
    c->poll_once(200ms);
  }
  EXPECT_EQ(count("SELECT count(*) FROM effects WHERE title = '" + title + "'"), 1);
}

TEST_F(OutboxInbox, DuplicateDeliveryIsAppliedOnce) {
  const std::string topic = testing::unique_name("dup");
  const Event e = event("twice");
  ASSERT_EQ(producer_->send({as_message(topic, e), as_message(topic, e)}),
            (std::vector<bool>{true, true}));
  auto c = consumer(topic, testing::unique_name("dlq"));
  EXPECT_EQ(drain(*c, 2), (std::vector<Outcome>{Outcome::Applied, Outcome::Duplicate}));
  EXPECT_EQ(count("SELECT count(*) FROM effects WHERE event_id = '" + e.id + "'"), 1);
}

TEST_F(OutboxInbox, PoisonMessagesAreDeadLetteredAndConsumptionGoesOn) {
  const std::string topic = testing::unique_name("poison");
  const std::string deadletter = testing::unique_name("dlq");
  Event bad_schema = event("x");
  bad_schema.data.erase("federation_id");
  const Event failing = event("always fails");
  const Event good = event("after the poison");
  kafka::OutMessage not_an_event{topic, "k", "hello, I am not an event", {}};
  // One key, so one partition: the order of outcomes is then the order sent.
  std::vector<kafka::OutMessage> batch{not_an_event, as_message(topic, bad_schema),
                                       as_message(topic, failing), as_message(topic, good)};
  for (auto& m : batch) m.key = "one-aggregate";
  ASSERT_EQ(producer_->send(batch), (std::vector<bool>(4, true)));
  auto c = consumer(topic, deadletter);
  EXPECT_EQ(drain(*c, 4), (std::vector<Outcome>{Outcome::DeadLettered, Outcome::DeadLettered,
                                                Outcome::DeadLettered, Outcome::Applied}));
  EXPECT_EQ(count("SELECT count(*) FROM effects WHERE event_id = '" + good.id + "'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM effects WHERE event_id = '" + failing.id + "'"), 0);

  // The dead letters are on the dead-letter topic, with the reason and origin in headers.
  kafka::Consumer reader(testing::infra().kafka_brokers, testing::unique_name("reader"),
                         {deadletter});
  std::vector<std::string> reasons;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (reasons.size() < 3 && std::chrono::steady_clock::now() < deadline) {
    if (auto m = reader.poll(200ms)) {
      ASSERT_NE(m->header("samverkan-dlq-reason"), nullptr);
      EXPECT_EQ(*m->header("samverkan-dlq-topic"), topic);
      reasons.push_back(*m->header("samverkan-dlq-reason"));
    }
  }
  EXPECT_EQ(reasons, (std::vector<std::string>{"malformed", "schema", "handler"}));
}

TEST_F(OutboxInbox, BatchWithDuplicatesAppliesEachEventOnce) {
  const std::string topic = testing::unique_name("batchdup");
  auto c = consumer(topic, testing::unique_name("dlq"));
  const Event earlier = event("earlier"), a = event("a"), b = event("b");
  EXPECT_EQ(c->handle_batch(received(topic, {earlier})), std::vector<Outcome>{Outcome::Applied});
  // Redelivered from an earlier batch, and twice within this one.
  EXPECT_EQ(c->handle_batch(received(topic, {a, earlier, a, b})),
            (std::vector<Outcome>{Outcome::Applied, Outcome::Duplicate, Outcome::Duplicate,
                                  Outcome::Applied}));
  for (const auto& e : {earlier, a, b}) EXPECT_EQ(effects_of(e), 1) << e.data.at("title");
  EXPECT_EQ(count("SELECT count(*) FROM processed_events"), 3);
}

TEST_F(OutboxInbox, PoisonInTheMiddleOfABatchIsDeadLetteredAlone) {
  const std::string topic = testing::unique_name("batchpoison");
  const std::string deadletter = testing::unique_name("dlq");
  auto c = consumer(topic, deadletter);
  const Event before = event("before"), poison = event("always fails"), after = event("after");
  EXPECT_EQ(c->handle_batch(received(topic, {before, poison, after})),
            (std::vector<Outcome>{Outcome::Applied, Outcome::DeadLettered, Outcome::Applied}));
  EXPECT_EQ(effects_of(before), 1);
  EXPECT_EQ(effects_of(after), 1);
  EXPECT_EQ(effects_of(poison), 0);
  EXPECT_EQ(count("SELECT count(*) FROM processed_events WHERE event_id = '" + poison.id + "'"), 0);

  kafka::Consumer reader(testing::infra().kafka_brokers, testing::unique_name("reader"),
                         {deadletter});
  std::optional<kafka::Message> letter;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (!letter && std::chrono::steady_clock::now() < deadline) letter = reader.poll(200ms);
  ASSERT_TRUE(letter) << "no dead letter";
  EXPECT_EQ(*letter->header("samverkan-dlq-reason"), "handler");
  EXPECT_EQ(*letter->header("samverkan-dlq-offset"), "1");
  EXPECT_EQ(*letter->header("ce_id"), poison.id);
}

TEST_F(OutboxInbox, OffsetsAreCommittedPastADeadLetteredBatch) {
  const std::string topic = testing::unique_name("commit");
  const std::string deadletter = testing::unique_name("dlq");
  const std::string group = testing::unique_name("group");
  const Event before = event("before"), poison = event("always fails"), after = event("after");
  std::vector<kafka::OutMessage> sent{as_message(topic, before), as_message(topic, poison),
                                      as_message(topic, after)};
  for (auto& m : sent) m.key = "one-aggregate";
  ASSERT_EQ(producer_->send(sent), (std::vector<bool>(3, true)));
  {
    auto first = consumer(topic, deadletter, group);
    EXPECT_EQ(drain(*first, 3),
              (std::vector<Outcome>{Outcome::Applied, Outcome::DeadLettered, Outcome::Applied}));
  }
  // A new member of the group starts after the committed offsets: it sees only what comes next.
  const Event next = event("next");
  auto marker = as_message(topic, next);
  marker.key = "one-aggregate";
  ASSERT_EQ(producer_->send({marker}), std::vector<bool>{true});
  auto second = consumer(topic, deadletter, group);
  EXPECT_EQ(drain(*second, 1), std::vector<Outcome>{Outcome::Applied});
  EXPECT_EQ(effects_of(next), 1);
  EXPECT_EQ(effects_of(before), 1);
}

TEST_F(OutboxInbox, CrashMidBatchRedeliversAndAppliesEachOnce) {
  const std::string topic = testing::unique_name("crash");
  const std::string deadletter = testing::unique_name("dlq");
  const std::string group = testing::unique_name("group");
  std::vector<Event> events;
  for (int i = 0; i < 10; ++i)
    events.push_back(event(i == 6 ? "flaky" : "steady " + std::to_string(i)));
  auto send = [&](std::size_t from, std::size_t to) {
    std::vector<kafka::OutMessage> batch;
    for (std::size_t i = from; i < to; ++i) batch.push_back(as_message(topic, events[i]));
    for (auto& m : batch) m.key = "one-aggregate";
    ASSERT_EQ(producer_->send(batch), std::vector<bool>(to - from, true));
  };
  send(0, 5);
  {
    auto first = consumer(topic, deadletter, group);
    EXPECT_EQ(drain(*first, 5), std::vector<Outcome>(5, Outcome::Applied));
    // The database "goes away" in the middle of the next batch: the consumer retries it until it
    // is stopped and destroyed, as a crashing process would be.
    database_down_ = true;
    send(5, 10);
    std::jthread running([&first](const std::stop_token& stop) { first->run(stop); });
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (flaky_attempts_ < 2 && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(10ms);
    ASSERT_GE(flaky_attempts_, 2) << "the flaky event was never handled";
    running.request_stop();
  }
  // Events before the flaky one in its poll round share its rolled-back transaction; any that
  // came in an earlier round were applied and committed. Either way each is applied once.
  database_down_ = false;
  auto second = consumer(topic, deadletter, group);
  std::vector<Outcome> outcomes;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (effects_of(events[9]) == 0 && std::chrono::steady_clock::now() < deadline) {
    for (auto o : second->poll_once(200ms)) outcomes.push_back(o);
  }
  for (const auto& e : events) EXPECT_EQ(effects_of(e), 1) << e.data.at("title");
  EXPECT_EQ(count("SELECT count(*) FROM processed_events"), 10);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), Outcome::DeadLettered), 0);
}

// Prints the rate (never asserted: the machine is shared) at which the consumer applies a
// backlog, one INSERT per event as a projection would, next to a bare librdkafka read of it.
TEST_F(OutboxInbox, ConsumerDrainsABacklog) {
  constexpr std::size_t kEvents = 40000;
  const std::string topic = testing::unique_name("backlog");
  std::vector<kafka::OutMessage> sent;
  sent.reserve(kEvents);
  for (std::size_t i = 0; i < kEvents; ++i) sent.push_back(as_message(topic, event("backlog")));
  const auto acknowledged = producer_->send(sent, 120s);
  ASSERT_EQ(std::count(acknowledged.begin(), acknowledged.end(), true), static_cast<long>(kEvents));

  using Clock = std::chrono::steady_clock;
  kafka::Consumer bare(testing::infra().kafka_brokers, testing::unique_name("bare"), {topic});
  std::size_t read = 0;
  auto first = bare.poll(60s);
  ASSERT_TRUE(first);
  auto started = Clock::now();
  for (read = 1; read < kEvents;) read += bare.poll_batch(500, 5s).size();
  const std::chrono::duration<double> bare_took = Clock::now() - started;

  auto c = consumer(topic, testing::unique_name("dlq"));
  std::size_t handled = c->poll_once(60s).size();
  ASSERT_GT(handled, 0u);
  started = Clock::now();
  const auto deadline = Clock::now() + 300s;
  while (handled < kEvents && Clock::now() < deadline) handled += c->poll_once(5s).size();
  const std::chrono::duration<double> took = Clock::now() - started;
  EXPECT_EQ(handled, kEvents);
  EXPECT_EQ(count("SELECT count(*) FROM effects"), static_cast<long>(kEvents));
  // The same backlog with a handler that does nothing: what the inbox itself costs per event.
  ConsumerOptions options{
      testing::unique_name("group"), {topic}, testing::unique_name("dlq"), 3, 1ms};
  InboxConsumer empty(options, *pool_, testing::infra().kafka_brokers, *producer_, registry_,
                      metrics_);
  empty.on(kType, [](pqxx::work&, const Event&) {});
  std::size_t skimmed = empty.poll_once(60s).size();
  started = Clock::now();
  while (skimmed < kEvents && Clock::now() < deadline) skimmed += empty.poll_once(5s).size();
  const std::chrono::duration<double> empty_took = Clock::now() - started;
  EXPECT_EQ(skimmed, kEvents);
  std::cout << "inbox consumer with an empty handler: "
            << static_cast<long>(skimmed / empty_took.count()) << " events/s\n";
  std::cout << "bare consumer read " << read
            << " events: " << static_cast<long>(read / bare_took.count())
            << " events/s; inbox consumer applied " << handled << ": "
            << static_cast<long>(handled / took.count()) << " events/s\n";
}

}  // namespace
}  // namespace samverkan::events
