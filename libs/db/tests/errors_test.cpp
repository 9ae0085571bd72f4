// Database errors described for logs carry the SQLSTATE, never the row values PostgreSQL quotes.
#include <samverkan/db/errors.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/testing/infra.hpp>

#include <gtest/gtest.h>

namespace samverkan::db {
namespace {

TEST(SafeDescription, UniqueViolationKeepsTheCodeAndDropsTheValue) {
  const auto schema = testing::unique_name("errors_it");
  Pool pool(testing::infra().database_url, "", 1);
  pool.transact([&](pqxx::work& tx) {
    tx.exec("CREATE SCHEMA " + schema);
    tx.exec("CREATE TABLE " + schema + ".people (email text UNIQUE)");
    tx.exec("INSERT INTO " + schema + ".people VALUES ('anna@example.se')");
  });
  try {
    pool.transact([&](pqxx::work& tx) { tx.exec("INSERT INTO " + schema + ".people VALUES ('anna@example.se')"); });
    FAIL() << "expected a unique violation";
  } catch (const pqxx::unique_violation& e) {
    ASSERT_NE(std::string(e.what()).find("anna@example.se"), std::string::npos) << "premise: the text quotes it";
    EXPECT_EQ(safe_description(e), "database error 23505");
  }
  pool.transact([&](pqxx::work& tx) { tx.exec("DROP SCHEMA " + schema + " CASCADE"); });
}

TEST(SafeDescription, OtherErrorsKeepTheirMessage) {
  EXPECT_EQ(safe_description(std::runtime_error("outbox publish incomplete")), "outbox publish incomplete");
}

}  // namespace
}  // namespace samverkan::db
