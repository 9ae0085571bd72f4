// Outbox, relay and inbox against a real PostgreSQL and the dev broker (no mocks).
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
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

  std::unique_ptr<InboxConsumer> consumer(const std::string& topic, const std::string& deadletter) {
    ConsumerOptions options{testing::unique_name("group"), {topic}, deadletter, 3, 1ms};
    auto c = std::make_unique<InboxConsumer>(options, *pool_, testing::infra().kafka_brokers,
                                             *producer_, registry_, metrics_);
    c->on(kType, [](pqxx::work& tx, const Event& e) {
      if (e.data.at("title").as_string() == "always fails") throw std::runtime_error("handler bug");
      tx.exec_params("INSERT INTO effects (event_id, title) VALUES ($1, $2)", e.id,
                     std::string(e.data.at("title").as_string()));
    });
    return c;
  }

  // Polls until `count` non-idle outcomes arrived, failing after a generous deadline.
  std::vector<Outcome> drain(InboxConsumer& c, std::size_t count) {
    std::vector<Outcome> outcomes;
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    while (outcomes.size() < count && std::chrono::steady_clock::now() < deadline) {
      auto o = c.poll_once(200ms);
      if (o != Outcome::Idle) outcomes.push_back(o);
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

  Event event(const std::string& title) {
    const auto id = new_event_id();
    return {new_event_id(), kType, "/test", id, now_rfc3339(), "", programme(id, title)};
  }

  std::string schema_;
  SchemaRegistry registry_{std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events"};
  metrics::Metrics metrics_{"events-test"};
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<kafka::Producer> producer_;
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

}  // namespace
}  // namespace samverkan::events
