// A hostile event through the real inbox consumer, PostgreSQL and dev broker (no mocks): it must
// be dead-lettered like any other schema violation, and the events after it must still flow.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <samverkan/db/migrate.hpp>
#include <samverkan/events/inbox_consumer.hpp>
#include <samverkan/testing/infra.hpp>

namespace samverkan::events {
namespace {

using namespace std::chrono_literals;
const std::string kType = "se.samverkan.enrolment.enrolment.requested.v1";

class HostileEvent : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& infra = testing::infra();
    schema_ = testing::unique_name("hostile_it");
    db::migrate(infra.database_url, schema_,
                std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql" / "common");
    pool_ = std::make_unique<db::Pool>(infra.database_url, schema_, 4);
    pool_->transact(
        [](pqxx::work& tx) { tx.exec("CREATE TABLE effects (event_id uuid NOT NULL)"); });
    producer_ = std::make_unique<kafka::Producer>(infra.kafka_brokers);
  }

  Event requested(const std::string& requested_at) {
    const auto id = new_event_id();
    boost::json::object data{{"federation_id", "testfed"},
                             {"enrolment_id", id},
                             {"participant_id", new_event_id()},
                             {"organisation_id", new_event_id()},
                             {"cohort_id", new_event_id()},
                             {"requested_at", requested_at},
                             {"version", 1}};
    return {new_event_id(), kType, "/test", id, now_rfc3339(), "", std::move(data)};
  }

  kafka::OutMessage as_message(const std::string& topic, const Event& e) {
    // One key, so one partition: outcomes then come in the order sent.
    return {topic, "one-aggregate", boost::json::serialize(e.data), cloudevent_headers(e)};
  }

  long count(const std::string& sql) {
    return pool_->transact([&](pqxx::work& tx) { return tx.exec(sql)[0][0].as<long>(); });
  }

  std::string schema_;
  SchemaRegistry registry_{std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events"};
  metrics::Metrics metrics_{"events-test"};
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<kafka::Producer> producer_;
};

TEST_F(HostileEvent, HugeDateTimeIsDeadLetteredAndLaterEventsFlow) {
  const std::string topic = testing::unique_name("hostile");
  const std::string deadletter = testing::unique_name("dlq");
  const Event hostile = requested("2026-04-01T10:00:00." + std::string(30000, '7') + "Z");
  const Event good = requested("2026-04-01T10:00:00Z");
  const Event also_good = requested("2026-04-01T10:00:00.123+02:00");
  ASSERT_EQ(producer_->send({as_message(topic, hostile), as_message(topic, good),
                             as_message(topic, also_good)}),
            (std::vector<bool>(3, true)));

  InboxConsumer consumer({testing::unique_name("group"), {topic}, deadletter, 3, 1ms}, *pool_,
                         testing::infra().kafka_brokers, *producer_, registry_, metrics_);
  consumer.on(kType, [](pqxx::work& tx, const Event& e) {
    tx.exec_params("INSERT INTO effects (event_id) VALUES ($1)", e.id);
  });
  std::vector<Outcome> outcomes;
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (outcomes.size() < 3 && std::chrono::steady_clock::now() < deadline) {
    for (const auto o : consumer.poll_once(200ms)) outcomes.push_back(o);
  }
  EXPECT_EQ(outcomes,
            (std::vector<Outcome>{Outcome::DeadLettered, Outcome::Applied, Outcome::Applied}));
  EXPECT_EQ(count("SELECT count(*) FROM effects WHERE event_id = '" + hostile.id + "'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM effects WHERE event_id IN ('" + good.id + "', '" +
                  also_good.id + "')"),
            2);
  // It never reached a handler transaction, so the inbox has no row for it either.
  EXPECT_EQ(count("SELECT count(*) FROM processed_events WHERE event_id = '" + hostile.id + "'"),
            0);

  kafka::Consumer reader(testing::infra().kafka_brokers, testing::unique_name("reader"),
                         {deadletter});
  std::optional<kafka::Message> letter;
  const auto read_deadline = std::chrono::steady_clock::now() + 60s;
  while (!letter && std::chrono::steady_clock::now() < read_deadline) letter = reader.poll(200ms);
  ASSERT_TRUE(letter.has_value()) << "no dead letter arrived";
  ASSERT_NE(letter->header("samverkan-dlq-reason"), nullptr);
  EXPECT_EQ(*letter->header("samverkan-dlq-reason"), "schema");
  ASSERT_NE(letter->header("ce_id"), nullptr);
  EXPECT_EQ(*letter->header("ce_id"), hostile.id);
}

}  // namespace
}  // namespace samverkan::events
