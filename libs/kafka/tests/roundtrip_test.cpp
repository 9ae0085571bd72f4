#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <samverkan/kafka/consumer.hpp>
#include <samverkan/kafka/producer.hpp>
#include <samverkan/testing/infra.hpp>
#include <set>

namespace samverkan::kafka {
namespace {

using namespace std::chrono_literals;

const std::string& brokers() { return samverkan::testing::infra().kafka_brokers; }

// Generous: the first poll of a new group waits for the group join and rebalance.
constexpr auto kDeadline = 60s;

std::vector<OutMessage> numbered(const std::string& topic, int count) {
  std::vector<OutMessage> messages;
  messages.reserve(count);
  for (int i = 0; i < count; ++i) {
    messages.push_back({topic,
                        "key-" + std::to_string(i % 3),
                        std::to_string(i),
                        {{"trace-id", "trace-" + std::to_string(i)}, {"type", "test.numbered"}}});
  }
  return messages;
}

void produce(const std::vector<OutMessage>& messages) {
  Producer producer(brokers());
  auto delivered = producer.send(messages, 30s);
  ASSERT_EQ(delivered.size(), messages.size());
  for (std::size_t i = 0; i < delivered.size(); ++i)
    ASSERT_TRUE(delivered[i]) << "message " << i << " was not acknowledged";
}

// Polls until count messages arrived, failing the test if the deadline passes first.
std::vector<Message> consume(Consumer& consumer, std::size_t count) {
  std::vector<Message> received;
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (received.size() < count) {
    if (std::chrono::steady_clock::now() > deadline) {
      ADD_FAILURE() << "received only " << received.size() << " of " << count << " messages";
      break;
    }
    if (auto message = consumer.poll(200ms)) received.push_back(std::move(*message));
  }
  return received;
}

std::int64_t total_lag(Consumer& consumer) {
  std::int64_t total = 0;
  for (const auto& partition : consumer.lag()) total += partition.lag;
  return total;
}

TEST(KafkaRoundtrip, PingAnswers) {
  Producer producer(brokers());
  EXPECT_TRUE(producer.ping(10s));
}

TEST(KafkaRoundtrip, PingFailsWithoutBroker) {
  Producer producer("127.0.0.1:1");
  EXPECT_FALSE(producer.ping(500ms));
}

TEST(KafkaRoundtrip, DeliversKeyedMessagesWithHeadersInPerKeyOrder) {
  const auto topic = samverkan::testing::unique_name("kafka_roundtrip");
  const auto sent = numbered(topic, 10);
  produce(sent);

  Consumer consumer(brokers(), samverkan::testing::unique_name("group"), {topic});
  auto received = consume(consumer, sent.size());
  ASSERT_EQ(received.size(), sent.size());

  std::map<std::string, std::vector<int>> order_per_key;
  for (const auto& message : received) {
    EXPECT_EQ(message.topic, topic);
    int index = std::stoi(message.value);
    ASSERT_GE(index, 0);
    ASSERT_LT(index, 10);
    EXPECT_EQ(message.key, sent[index].key);
    EXPECT_EQ(message.headers, sent[index].headers);
    ASSERT_NE(message.header("trace-id"), nullptr);
    EXPECT_EQ(*message.header("trace-id"), "trace-" + message.value);
    order_per_key[message.key].push_back(index);
  }
  for (const auto& [key, indices] : order_per_key)
    EXPECT_TRUE(std::is_sorted(indices.begin(), indices.end())) << "out of order for " << key;
}

TEST(KafkaRoundtrip, DeliversUnkeyedMessageWithoutHeaders) {
  const auto topic = samverkan::testing::unique_name("kafka_unkeyed");
  produce({{topic, "", "payload", {}}});

  Consumer consumer(brokers(), samverkan::testing::unique_name("group"), {topic});
  auto received = consume(consumer, 1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].key, "");
  EXPECT_EQ(received[0].value, "payload");
  EXPECT_TRUE(received[0].headers.empty());
}

TEST(KafkaRoundtrip, NewConsumerResumesAfterCommittedOffset) {
  const auto topic = samverkan::testing::unique_name("kafka_resume");
  const auto group = samverkan::testing::unique_name("group");
  produce(numbered(topic, 10));

  // Commit only the first message of each partition; the rest must be delivered again.
  std::set<std::pair<std::int32_t, std::int64_t>> expected_again;
  {
    Consumer first(brokers(), group, {topic});
    auto received = consume(first, 10);
    ASSERT_EQ(received.size(), 10u);
    std::map<std::int32_t, std::int64_t> lowest;
    for (const auto& message : received) {
      auto [it, inserted] = lowest.emplace(message.partition, message.offset);
      if (!inserted) it->second = std::min(it->second, message.offset);
    }
    for (const auto& message : received) {
      if (message.offset == lowest[message.partition])
        first.commit(message);
      else
        expected_again.emplace(message.partition, message.offset);
    }
  }

  Consumer second(brokers(), group, {topic});
  auto again = consume(second, expected_again.size());
  std::set<std::pair<std::int32_t, std::int64_t>> got_again;
  for (const auto& message : again) got_again.emplace(message.partition, message.offset);
  EXPECT_EQ(got_again, expected_again);
}

TEST(KafkaRoundtrip, ReportsLagAgainstCommittedOffsets) {
  const auto topic = samverkan::testing::unique_name("kafka_lag");
  produce(numbered(topic, 10));

  Consumer consumer(brokers(), samverkan::testing::unique_name("group"), {topic});
  auto received = consume(consumer, 10);
  ASSERT_EQ(received.size(), 10u);

  // Nothing committed yet: the whole topic is lag once the watermarks are known.
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (total_lag(consumer) != 10) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "lag is " << total_lag(consumer);
    consumer.poll(100ms);
  }

  std::set<std::int32_t> partitions;
  for (const auto& message : received) partitions.insert(message.partition);
  for (const auto& message : received) consumer.commit(message);
  EXPECT_EQ(total_lag(consumer), 0);
  for (const auto& partition : consumer.lag()) EXPECT_EQ(partition.topic, topic);
  EXPECT_GE(consumer.lag().size(), partitions.size());
}

}  // namespace
}  // namespace samverkan::kafka
