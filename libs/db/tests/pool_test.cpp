#include <gtest/gtest.h>

#include <chrono>
#include <samverkan/db/pool.hpp>
#include <samverkan/testing/infra.hpp>
#include <stdexcept>
#include <thread>

#include "scratch_schema.hpp"

namespace samverkan::db {
namespace {

using test::ScratchSchema;

const std::string& url() { return samverkan::testing::infra().database_url; }

TEST(Pool, AcquireAndReleaseTrackInUse) {
  ScratchSchema schema(true);
  Pool pool(url(), schema.name(), 2);
  EXPECT_EQ(pool.size(), 2u);
  EXPECT_EQ(pool.in_use(), 0u);
  {
    auto first = pool.acquire();
    EXPECT_EQ(pool.in_use(), 1u);
    auto second = pool.acquire();
    EXPECT_EQ(pool.in_use(), 2u);
    auto moved = std::move(first);
    EXPECT_EQ(pool.in_use(), 2u);
  }
  EXPECT_EQ(pool.in_use(), 0u);
}

TEST(Pool, ThrowsPoolTimeoutWhenExhausted) {
  ScratchSchema schema(true);
  Pool pool(url(), schema.name(), 1, std::chrono::milliseconds(50));
  auto held = pool.acquire();
  EXPECT_THROW(pool.acquire(), PoolTimeout);
  EXPECT_EQ(pool.in_use(), 1u);
}

TEST(Pool, ReusesReleasedConnection) {
  ScratchSchema schema(true);
  Pool pool(url(), schema.name(), 1);
  int first_pid = 0;
  {
    auto lease = pool.acquire();
    first_pid = lease->backendpid();
  }
  auto lease = pool.acquire();
  EXPECT_EQ(lease->backendpid(), first_pid);
}

TEST(Pool, TransactCommits) {
  ScratchSchema schema(true);
  schema.exec("CREATE TABLE " + schema.name() + ".items (n int)");
  Pool pool(url(), schema.name(), 1);
  int returned = pool.transact([](pqxx::work& tx) {
    tx.exec("INSERT INTO items VALUES (1)");
    return 7;
  });
  EXPECT_EQ(returned, 7);
  EXPECT_EQ(schema.scalar("SELECT count(*) FROM " + schema.name() + ".items"), 1);
}

TEST(Pool, TransactRollsBackOnException) {
  ScratchSchema schema(true);
  schema.exec("CREATE TABLE " + schema.name() + ".items (n int)");
  Pool pool(url(), schema.name(), 1);
  EXPECT_THROW(pool.transact([](pqxx::work& tx) {
    tx.exec("INSERT INTO items VALUES (1)");
    throw std::runtime_error("abandon");
  }),
               std::runtime_error);
  EXPECT_EQ(schema.scalar("SELECT count(*) FROM " + schema.name() + ".items"), 0);
  EXPECT_EQ(pool.in_use(), 0u);
}

TEST(Pool, TransactRetriesSerializationFailure) {
  ScratchSchema schema(true);
  Pool pool(url(), schema.name(), 1);
  int calls = 0;
  pool.transact([&](pqxx::work&) {
    if (++calls == 1) throw pqxx::serialization_failure("conflict");
  });
  EXPECT_EQ(calls, 2);
}

TEST(Pool, TransactGivesUpAfterThreeAttempts) {
  ScratchSchema schema(true);
  Pool pool(url(), schema.name(), 1);
  int calls = 0;
  EXPECT_THROW(pool.transact([&](pqxx::work&) {
    ++calls;
    throw pqxx::deadlock_detected("deadlock");
  }),
               pqxx::deadlock_detected);
  EXPECT_EQ(calls, 3);
}

TEST(Pool, HonoursSearchPath) {
  ScratchSchema schema(true);
  Pool pool(url(), schema.name(), 1);
  auto current = pool.transact(
      [](pqxx::work& tx) { return tx.exec1("SELECT current_schema()")[0].as<std::string>(); });
  EXPECT_EQ(current, schema.name());
  pool.transact([](pqxx::work& tx) { tx.exec("CREATE TABLE marker (n int)"); });
  EXPECT_EQ(schema.scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = '" +
                          schema.name() + "' AND table_name = 'marker'"),
            1);
}

TEST(Pool, SetsStatementTimeout) {
  ScratchSchema schema(true);
  Pool pool(url(), schema.name(), 1);
  auto timeout = pool.transact(
      [](pqxx::work& tx) { return tx.exec1("SHOW statement_timeout")[0].as<std::string>(); });
  EXPECT_EQ(timeout, "30s");
}

TEST(Pool, RecoversAfterBackendIsKilled) {
  ScratchSchema schema(true);
  Pool pool(url(), schema.name(), 1);
  int pid = 0;
  {
    auto lease = pool.acquire();
    pid = lease->backendpid();
  }
  EXPECT_EQ(schema.scalar("SELECT pg_terminate_backend(" + std::to_string(pid) + ")::int"), 1);
  // Wait for the backend to be gone so the pooled connection is really dead.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (schema.scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(pid)) >
         0) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "backend " << pid << " never exited";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto one = pool.transact([](pqxx::work& tx) { return tx.exec1("SELECT 1")[0].as<int>(); });
  EXPECT_EQ(one, 1);
  EXPECT_TRUE(pool.ping());
  auto current = pool.transact(
      [](pqxx::work& tx) { return tx.exec1("SELECT current_schema()")[0].as<std::string>(); });
  EXPECT_EQ(current, schema.name());
}

// The number of statements the server holds prepared under name on the transaction's connection.
long long server_prepared(pqxx::work& tx, const std::string& name) {
  return tx.exec_params1("SELECT count(*) FROM pg_prepared_statements WHERE name = $1", name)[0]
      .as<long long>();
}

TEST(Pool, PreparesNamedStatementsOnFirstUse) {
  ScratchSchema schema(true);
  schema.exec("CREATE TABLE " + schema.name() + ".items (n int)");
  Pool pool(url(), schema.name(), 1,
            {{"add_item", "INSERT INTO items VALUES ($1) RETURNING n * 10"}});
  pool.transact([](pqxx::work& tx) { EXPECT_EQ(server_prepared(tx, "add_item"), 0); });
  const int first =
      pool.transact([](pqxx::work& tx) { return tx.exec_prepared1("add_item", 4)[0].as<int>(); });
  EXPECT_EQ(first, 40);
  // The same connection keeps the statement prepared for the next transaction.
  pool.transact([](pqxx::work& tx) {
    EXPECT_EQ(server_prepared(tx, "add_item"), 1);
    tx.exec_prepared("add_item", 5);
  });
  EXPECT_EQ(schema.scalar("SELECT sum(n) FROM " + schema.name() + ".items"), 9);
}

TEST(Pool, PreparedStatementsSurviveAReconnect) {
  ScratchSchema schema(true);
  Pool pool(url(), schema.name(), 1, {{"double_it", "SELECT $1::int * 2"}});
  int pid = 0;
  pool.transact([&](pqxx::work& tx) {
    EXPECT_EQ(tx.exec_prepared1("double_it", 21)[0].as<int>(), 42);
    pid = tx.conn().backendpid();
  });
  EXPECT_EQ(schema.scalar("SELECT pg_terminate_backend(" + std::to_string(pid) + ")::int"), 1);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (schema.scalar("SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(pid)) >
         0) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "backend " << pid << " never exited";
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // The new backend never saw a PREPARE; the pool's definitions make the name work again there.
  const auto [value, new_pid] = pool.transact([](pqxx::work& tx) {
    return std::pair{tx.exec_prepared1("double_it", 8)[0].as<int>(), tx.conn().backendpid()};
  });
  EXPECT_EQ(value, 16);
  EXPECT_NE(new_pid, pid);
}

TEST(Pool, PingFailsWhenDatabaseUnreachable) {
  Pool pool("postgresql://127.0.0.1:1/none?connect_timeout=2", "", 1);
  EXPECT_FALSE(pool.ping());
  EXPECT_EQ(pool.in_use(), 0u);
}

TEST(Pool, ClassifiesRetryableErrors) {
  EXPECT_TRUE(is_retryable(pqxx::serialization_failure("x")));
  EXPECT_TRUE(is_retryable(pqxx::deadlock_detected("x")));
  EXPECT_TRUE(is_retryable(pqxx::broken_connection("x")));
  EXPECT_FALSE(is_retryable(pqxx::unique_violation("x")));
  EXPECT_FALSE(is_retryable(std::runtime_error("x")));
}

}  // namespace
}  // namespace samverkan::db
