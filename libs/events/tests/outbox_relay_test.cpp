// The relay against a real PostgreSQL and the dev broker: woken by NOTIFY, one relay per schema,
// and the rate it drains a backlog at (printed, never asserted: the machine is shared).
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <iostream>
#include <samverkan/db/migrate.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/events/outbox_relay.hpp>
#include <samverkan/kafka/consumer.hpp>
#include <samverkan/testing/infra.hpp>
#include <thread>

namespace samverkan::events {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

class Relay : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = testing::unique_name("relay_it");
    topic_ = testing::unique_name("relay");
    db::migrate(url(), schema_, std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql" / "common");
    pool_ = std::make_unique<db::Pool>(url(), schema_, 4);
    producer_ = std::make_unique<kafka::Producer>(testing::infra().kafka_brokers);
  }

  static const std::string& url() { return testing::infra().database_url; }

  std::unique_ptr<OutboxRelay> relay(RelayOptions options = {}) {
    return std::make_unique<OutboxRelay>(*pool_, url(), schema_, *producer_, metrics_, options);
  }

  // Appends `count` events of one aggregate in one transaction, numbered from `first` in the
  // payload, straight into the outbox (the rows the relay reads; Outbox::append would pick the
  // type's shared topic).
  void append(const std::string& aggregate, int first, int count) {
    Event e{"", "se.samverkan.test.numbered.v1", "/test", aggregate, now_rfc3339(), "", {}};
    boost::json::object headers;
    for (const auto& [name, value] : cloudevent_headers(e))
      if (name != "ce_id") headers[name] = value;
    pool_->transact([&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO outbox (id, aggregatetype, aggregateid, type, topic, payload, headers) "
          "SELECT gen_random_uuid(), 'test', $1, $2, $3, jsonb_build_object('n', n), "
          "       $4::jsonb || jsonb_build_object('ce_id', gen_random_uuid()::text) "
          "FROM generate_series($5::int, $6::int) AS n",
          aggregate, e.type, topic_, boost::json::serialize(headers), first, first + count - 1);
    });
  }

  long unpublished() {
    return pool_->transact([](pqxx::work& tx) {
      return tx.exec("SELECT count(*) FROM outbox WHERE published_at IS NULL")[0][0].as<long>();
    });
  }

  // Reads the test topic from the start until `count` messages arrived (or a generous deadline),
  // returning the payloads' numbers in arrival order.
  std::vector<int> read_numbers(std::size_t count) {
    kafka::Consumer reader(testing::infra().kafka_brokers, testing::unique_name("reader"),
                           {topic_});
    std::vector<int> numbers;
    const auto deadline = Clock::now() + 60s;
    while (numbers.size() < count && Clock::now() < deadline) {
      if (auto m = reader.poll(200ms))
        numbers.push_back(std::stoi(m->value.substr(m->value.find(':') + 1)));
    }
    return numbers;
  }

  std::string schema_, topic_;
  metrics::Metrics metrics_{"relay-test"};
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<kafka::Producer> producer_;
};

TEST_F(Relay, ARowCommittedLaterIsPublishedOnItsNotification) {
  // The fallback poll is an hour away, so only the NOTIFY can wake the relay within the test.
  auto r = relay({.poll_interval = std::chrono::hours(1)});
  std::jthread running([&r](const std::stop_token& stop) { r->run(stop); });
  // One aggregate, so both land in one partition and are read back in publication order.
  append("notified", 1, 1);
  const auto deadline = Clock::now() + 60s;
  while (unpublished() > 0 && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
  ASSERT_EQ(unpublished(), 0) << "the first row was not published";
  // The relay has done a round and is now waiting: this row can only arrive by notification.
  append("notified", 2, 1);
  EXPECT_EQ(read_numbers(2), (std::vector<int>{1, 2}));
  EXPECT_EQ(unpublished(), 0);
}

TEST_F(Relay, OneRelayPerSchemaPublishes) {
  append("a", 1, 3);
  auto first = relay();
  auto second = relay();
  EXPECT_EQ(first->publish_batch(), 3u);
  append("a", 4, 2);
  EXPECT_EQ(second->publish_batch(), 0u)
      << "a second relay published while the first holds the lock";
  EXPECT_EQ(unpublished(), 2);
  first.reset();  // its session ends, and the server releases the lock when its backend exits
  std::size_t taken_over = 0;
  const auto deadline = Clock::now() + 60s;
  while (taken_over == 0 && Clock::now() < deadline) {
    taken_over = second->publish_batch();
    if (taken_over == 0) std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(taken_over, 2u);
  EXPECT_EQ(read_numbers(5), (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST_F(Relay, TwoRunningRelaysPublishEachEventOnceInOrder) {
  auto a = relay({.poll_interval = 20ms, .batch_size = 7});
  auto b = relay({.poll_interval = 20ms, .batch_size = 7});
  std::jthread running_a([&a](const std::stop_token& stop) { a->run(stop); });
  std::jthread running_b([&b](const std::stop_token& stop) { b->run(stop); });
  constexpr int kEvents = 120;
  for (int n = 1; n <= kEvents; n += 4) append("ordered", n, 4);
  std::vector<int> expected(kEvents);
  for (int n = 1; n <= kEvents; ++n) expected[n - 1] = n;
  // Exactly these, in this order: a second relay publishing too would interleave or repeat.
  EXPECT_EQ(read_numbers(kEvents), expected);
  const auto deadline = Clock::now() + 60s;
  while (unpublished() > 0 && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(unpublished(), 0);
}

TEST_F(Relay, DrainsABacklog) {
  constexpr int kEvents = 40000;
  append("backlog", 1, kEvents);
  auto r = relay();
  const auto started = Clock::now();
  std::size_t published = 0;
  for (std::size_t round = 0; published < kEvents && round < 1000; ++round)
    published += r->publish_batch();
  const std::chrono::duration<double> took = Clock::now() - started;
  EXPECT_EQ(published, static_cast<std::size_t>(kEvents));
  EXPECT_EQ(unpublished(), 0);
  std::cout << "relay drained " << published << " events in " << took.count()
            << " s: " << static_cast<long>(published / took.count()) << " events/s\n";
}

}  // namespace
}  // namespace samverkan::events
