// The sealer against a real PostgreSQL: an open writing transaction blocks no other writer of its
// federation, its entries wait unsealed until it ends and then join the chain without a gap,
// a rolled-back write leaves no entry, sealing twice at once seals each entry once, and a sealed
// entry that is tampered with (even made to look unsealed) still breaks verification. And a
// schema chained before migration 0004 keeps verifying after it, with new entries sealed onto it.
#include <filesystem>
#include <future>
#include <samverkan/db/migrate.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/testing/infra.hpp>
#include <samverkan/writepath/audit_log.hpp>
#include <stdexcept>

#include "fixture.hpp"

namespace samverkan::writepath::test {
namespace {

class AuditSealTest : public WritePathTest {
 protected:
  void write_thing() {
    auto request = post("/v1/things", "{}");
    path_->run(request, admin_, create_thing("thing-" + std::to_string(next_++)));
  }
  // A write whose transaction fails if it has to wait more than 2 s for any lock.
  void write_thing_without_waiting() {
    auto request = post("/v1/things", "{}");
    auto work = create_thing("thing-" + std::to_string(next_++));
    path_->run(request, admin_, [&](UnitOfWork& uow) {
      uow.tx().exec("SET LOCAL lock_timeout = '2s'");
      uow.tx().exec("SET LOCAL statement_timeout = '2s'");
      return work(uow);
    });
  }
  Verification verify() {
    return pool_->transact([&](pqxx::work& tx) {
      tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
      return verify_audit(tx, "test", "fed-a");
    });
  }
  std::size_t seal() { return seal_pending(*pool_, "test"); }

  // A transaction of its own connection that has appended one entry ("open-entry") and stays open.
  struct OpenWriter {
    pqxx::connection conn;
    pqxx::work tx;
    OpenWriter(const std::string& url, const std::string& schema, const Actor& actor)
        : conn(url), tx(conn) {
      tx.exec("SET LOCAL search_path TO " + tx.quote_name(schema));
      append_audit(tx, actor,
                   {{.action = "thing.checked",
                     .entity_type = "thing",
                     .entity_id = "open-entry",
                     .version_before = 1,
                     .version_after = 1,
                     .reason = Reason::none()}});
    }
  };
  Actor actor() const { return {"user-1", {"federation_admin"}, "fed-a", "req-open", ""}; }

  int next_ = 0;
};

TEST_F(AuditSealTest, AnOpenWriterDoesNotBlockAnotherWriterOfItsFederation) {
  write_thing();
  seal();  // the federation's chain head exists and is not locked by anyone now
  OpenWriter open(testing::infra().database_url, schema_, actor());
  // Would fail on lock_timeout if it queued behind the open transaction's entry.
  EXPECT_NO_THROW(write_thing_without_waiting());
  EXPECT_NO_THROW(write_thing_without_waiting());
  open.tx.commit();
  seal();
  EXPECT_EQ(verify().entries, 4);
}

TEST_F(AuditSealTest, AnOpenTransactionsEntriesWaitAndThenJoinTheChainWithoutAGap) {
  write_thing();
  write_thing();
  OpenWriter open(testing::infra().database_url, schema_, actor());
  write_thing();  // commits while the open one is still open, with a larger xid
  // Sealing now seals every committed entry; the open transaction's entry is invisible and waits.
  EXPECT_EQ(seal(), 3u);
  auto v = verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 3);
  EXPECT_EQ(v.pending, 0);
  open.tx.commit();
  // Once committed it is appended after the head: the chain has no gap.
  EXPECT_EQ(seal(), 1u);
  v = verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 4);
  EXPECT_EQ(v.pending, 0);
  EXPECT_EQ(scalar("SELECT seq FROM audit_log WHERE entity_id = 'open-entry'"), 4);
  EXPECT_EQ(scalar("SELECT max(seq) FROM audit_log WHERE entity_id <> 'open-entry'"), 3);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE seq IS NULL"), 0);
}

TEST_F(AuditSealTest, PendingEntriesAreListedAfterTheSealedOnes) {
  write_thing();
  seal();
  write_thing();
  const auto items = pool_->transact([&](pqxx::work& tx) {
    return read_audit(tx, "fed-a", {.after = 0, .limit = 10, .entity_type = {}, .entity_id = {}});
  });
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].as_object().at("seq").as_int64(), 1);
  EXPECT_TRUE(items[0].as_object().at("sealed").as_bool());
  EXPECT_TRUE(items[1].as_object().at("seq").is_null());
  EXPECT_TRUE(items[1].as_object().at("hash").is_null());
  EXPECT_FALSE(items[1].as_object().at("sealed").as_bool());
  const auto full = pool_->transact([&](pqxx::work& tx) {
    return read_audit(tx, "fed-a", {.after = 0, .limit = 1, .entity_type = {}, .entity_id = {}});
  });
  ASSERT_EQ(full.size(), 1u);  // a full page of sealed entries has no pending ones
  EXPECT_EQ(full[0].as_object().at("seq").as_int64(), 1);
}

TEST_F(AuditSealTest, ARolledBackWriteNeverHasAnEntry) {
  write_thing();
  auto request = post("/v1/things", "{}");
  auto work = create_thing("doomed");
  EXPECT_THROW(path_->run(request, admin_,
                          [&](UnitOfWork& uow) -> WriteResult {
                            work(uow);
                            throw std::runtime_error("the route fails after auditing");
                          }),
               std::runtime_error);
  {
    OpenWriter aborted(testing::infra().database_url, schema_, actor());
    aborted.tx.abort();
  }
  write_thing();
  EXPECT_EQ(seal(), 2u);
  const auto v = verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 2);
  EXPECT_EQ(v.pending, 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 2);
}

TEST_F(AuditSealTest, SealingTwiceAtOnceSealsEachEntryOnce) {
  for (int i = 0; i < 30; ++i) write_thing();
  auto first = std::async(std::launch::async, [&] { return seal(); });
  auto second = std::async(std::launch::async, [&] { return seal(); });
  EXPECT_EQ(first.get() + second.get(), 30u);
  EXPECT_EQ(seal(), 0u);
  const auto v = verify();
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 30);
  EXPECT_EQ(scalar("SELECT count(DISTINCT seq) FROM audit_log"), 30);
}

TEST_F(AuditSealTest, TamperingWithSealedEntriesIsStillFound) {
  for (int i = 0; i < 4; ++i) write_thing();
  seal();
  exec("UPDATE audit_log SET entity_id = 'other' WHERE seq = 2");
  EXPECT_EQ(verify().first_broken, std::optional<std::int64_t>(2));
  exec("UPDATE audit_log SET entity_id = 'x', seq = NULL, hash = NULL WHERE seq = 2");
  seal();  // re-seals the row at the end of the chain, but its place stays a gap
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken, std::optional<std::int64_t>(2));
}

// A schema migrated up to 0003 only, with one entry chained as 0003 stored them (seq, hash and
// head written by the writer); 0004 is applied on top of it.
TEST(AuditSealMigrationTest, AChainFromBeforeSealingStaysValidAndGrows) {
  const auto& infra = testing::infra();
  struct Scratch {
    std::string schema = testing::unique_name("writepath_mig");
    std::filesystem::path dir = std::filesystem::temp_directory_path() / schema;
    ~Scratch() {
      std::filesystem::remove_all(dir);
      pqxx::connection conn(testing::infra().database_url);
      pqxx::work tx(conn);
      tx.exec("DROP SCHEMA IF EXISTS " + tx.quote_name(schema) + " CASCADE");
      tx.commit();
    }
  } scratch;
  const auto common = std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql" / "common";
  const auto old = scratch.dir / "common";  // the same directory name: migrations are keyed by it
  std::filesystem::create_directories(old);
  for (const auto& file : std::filesystem::directory_iterator(common)) {
    if (file.path().filename().string() < "0004")
      std::filesystem::copy_file(file, old / file.path().filename());
  }
  db::migrate(infra.database_url, scratch.schema, old);
  {
    db::Pool pool(infra.database_url, scratch.schema, 2);
    const AuditRecord record{1,
                             "2026-11-30T10:00:00.000000Z",
                             "user-1",
                             "federation_admin",
                             "thing.created",
                             "thing",
                             "t-1",
                             std::nullopt,
                             1,
                             std::nullopt,
                             "req-old"};
    const std::string hash = chain_hash("", canonical_form("test", "fed-a", record));
    pool.transact([&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO audit_log (federation_id, seq, recorded_at, subject, roles, action,"
          " entity_type, entity_id, version_before, version_after, reason, request_id, hash)"
          " VALUES ('fed-a', 1, $1::timestamptz, 'user-1', 'federation_admin', 'thing.created',"
          " 'thing', 't-1', NULL, 1, NULL, 'req-old', $2)",
          record.recorded_at, hash);
      tx.exec_params("INSERT INTO audit_chain_heads VALUES ('fed-a', 1, $1)", hash);
    });
  }
  EXPECT_EQ(db::migrate(infra.database_url, scratch.schema, common).applied.size(), 1u);
  db::Pool pool(infra.database_url, scratch.schema, 2);
  pool.transact([&](pqxx::work& tx) {
    append_audit(tx, {"user-1", {"federation_admin"}, "fed-a", "req-new", ""},
                 {{.action = "thing.renamed",
                   .entity_type = "thing",
                   .entity_id = "t-1",
                   .version_before = 1,
                   .version_after = 2,
                   .reason = Reason::none()}});
  });
  EXPECT_EQ(seal_pending(pool, "test"), 1u);
  const auto v = pool.transact([&](pqxx::work& tx) { return verify_audit(tx, "test", "fed-a"); });
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 2);
  EXPECT_EQ(v.pending, 0);
}

}  // namespace
}  // namespace samverkan::writepath::test
