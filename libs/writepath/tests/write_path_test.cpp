// The write path against a real PostgreSQL: state, outbox and audit commit together or not at
// all; Idempotency-Key replay, mismatch and concurrency; unique violations and version conflicts
// answered 409; the two row-guard idioms under a race.
#include <atomic>
#include <future>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/testing/infra.hpp>
#include <samverkan/writepath/audit_log.hpp>
#include <samverkan/writepath/row_guards.hpp>
#include <thread>

#include "fixture.hpp"

namespace samverkan::writepath::test {
namespace {

using namespace std::chrono_literals;

int status_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const http::Problem& problem) {
    return problem.status();
  }
  return 0;
}

// Waits (generously) until some backend waits on a lock while running a statement that mentions
// `table`: the moment a concurrent writer is queued. Returns false if that never showed, in which
// case the caller's checks still hold but the race was not exercised.
bool wait_for_lock_waiter(const std::string& table) {
  pqxx::connection conn(samverkan::testing::infra().database_url);
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline) {
    pqxx::nontransaction tx(conn);
    const auto waiting = tx.exec_params(
                               "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                               "current_database() AND wait_event_type = 'Lock'"
                               " AND query LIKE '%' || $1 || '%'",
                               table)[0][0]
                             .as<long>();
    if (waiting > 0) return true;
    std::this_thread::sleep_for(20ms);
  }
  return false;
}

TEST_F(WritePathTest, CommitsStateOutboxAndAuditTogether) {
  auto request = post("/v1/things", R"({"name":"a"})");
  const auto response = path_->run(request, admin_, create_thing("a"));
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(scalar("SELECT count(*) FROM things"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox"), 1);
  EXPECT_EQ(
      scalar("SELECT count(*) FROM audit_log WHERE federation_id = 'fed-a' AND action = "
             "'thing.created'"
             " AND subject = 'user-1' AND roles = 'federation_admin' AND version_before IS NULL"
             " AND version_after = 1 AND reason IS NULL AND seq IS NULL AND xid IS NOT NULL"),
      1);
  EXPECT_EQ(seal_pending(*pool_, "test"), 1u);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE seq = 1 AND hash IS NOT NULL"), 1);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].first, "Location");
}

TEST_F(WritePathTest, RollsEverythingBackWhenTheWorkFails) {
  auto request = post("/v1/things", R"({"name":"a"})");
  const Work failing = [this](UnitOfWork& uow) -> WriteResult {
    create_thing("a")(uow);  // state, outbox and an audit entry, then a rule says no
    throw http::Problem::unprocessable("no");
  };
  EXPECT_EQ(status_of([&] { path_->run(request, admin_, failing); }), 422);
  EXPECT_EQ(scalar("SELECT count(*) FROM things"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_chain_heads"), 0);
}

TEST_F(WritePathTest, AnUnchangedWriteRecordsNoAuditEntry) {
  auto request = post("/v1/things", "{}");
  const auto response = path_->run(request, admin_, [](UnitOfWork&) {
    return WriteResult{200, boost::json::object{}, ""};
  });
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(WritePathTest, UniqueViolationIsA409WithTheRoutesDetail) {
  auto first = post("/v1/things", R"({"name":"a"})");
  path_->run(first, admin_, create_thing("a"));
  auto second = post("/v1/things", R"({"name":"a"})");
  try {
    path_->run(second, admin_, create_thing("a"));
    FAIL() << "a duplicate name was accepted";
  } catch (const http::Problem& problem) {
    EXPECT_EQ(problem.status(), 409);
    EXPECT_EQ(problem.detail(), "a thing with that name exists");
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 1);
}

TEST_F(WritePathTest, SameKeyAndBodyReplaysTheStoredResponse) {
  auto first = post("/v1/things", R"({"name":"a"})", "key-1");
  const auto original = path_->run(first, admin_, create_thing("a"));
  auto again = post("/v1/things", R"({"name":"a"})", "key-1");
  const auto replayed = path_->run(again, admin_, create_thing("a"));
  EXPECT_EQ(replayed.status, original.status);
  EXPECT_EQ(replayed.body, original.body);
  EXPECT_EQ(replayed.content_type, original.content_type);
  ASSERT_EQ(replayed.headers.size(), 2u);
  EXPECT_EQ(replayed.headers[0], original.headers[0]);  // Location
  EXPECT_EQ(replayed.headers[1],
            (std::pair<std::string, std::string>{"Idempotent-Replayed", "true"}));
  EXPECT_EQ(scalar("SELECT count(*) FROM things"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 1);
}

TEST_F(WritePathTest, SameKeyWithAnotherBodyOrPathIs422) {
  auto first = post("/v1/things", R"({"name":"a"})", "key-1");
  path_->run(first, admin_, create_thing("a"));
  auto other_body = post("/v1/things", R"({"name":"b"})", "key-1");
  EXPECT_EQ(status_of([&] { path_->run(other_body, admin_, create_thing("b")); }), 422);
  auto other_path = post("/v1/other", R"({"name":"a"})", "key-1");
  EXPECT_EQ(status_of([&] { path_->run(other_path, admin_, create_thing("c")); }), 422);
  EXPECT_EQ(scalar("SELECT count(*) FROM things"), 1);
}

TEST_F(WritePathTest, ReplayAnswersAStoredKeyBeforeTheRouteRuns) {
  auto fresh = post("/v1/things", R"({"name":"a"})", "key-1");
  EXPECT_FALSE(path_->replay(fresh, admin_).has_value());  // nothing stored yet
  const auto original = path_->run(fresh, admin_, create_thing("a"));
  auto again = post("/v1/things", R"({"name":"a"})", "key-1");
  const auto replayed = path_->replay(again, admin_);
  ASSERT_TRUE(replayed.has_value());
  EXPECT_EQ(replayed->status, original.status);
  EXPECT_EQ(replayed->body, original.body);
  auto invalid_body = post("/v1/things", "not even JSON", "key-1");
  EXPECT_EQ(status_of([&] { path_->replay(invalid_body, admin_); }), 422);
  auto unkeyed = post("/v1/things", R"({"name":"a"})");
  EXPECT_FALSE(path_->replay(unkeyed, admin_).has_value());
  auto bad_key = post("/v1/things", R"({"name":"a"})", std::string(256, 'k'));
  EXPECT_EQ(status_of([&] { path_->replay(bad_key, admin_); }), 400);
}

TEST_F(WritePathTest, KeysAreScopedByFederationAndSubject) {
  auto first = post("/v1/things", R"({"name":"a"})", "key-1");
  path_->run(first, admin_, create_thing("a"));
  auth::Principal colleague = admin_;
  colleague.subject = "user-2";
  auto theirs = post("/v1/things", R"({"name":"a2"})", "key-1");
  EXPECT_EQ(path_->run(theirs, colleague, create_thing("a2")).status, 201);
  auth::Principal elsewhere = admin_;
  elsewhere.federation = "fed-b";
  auto other_fed = post("/v1/things", R"({"name":"a3"})", "key-1");
  EXPECT_EQ(path_->run(other_fed, elsewhere, create_thing("a3")).status, 201);
  EXPECT_EQ(scalar("SELECT count(*) FROM things"), 3);
}

TEST_F(WritePathTest, AMalformedKeyIs400AndWritesNothing) {
  for (const std::string& key :
       {std::string(), std::string(256, 'k'), std::string("tab\tkey"), std::string("\xc3\xa5")}) {
    auto request = post("/v1/things", R"({"name":"a"})");
    request.headers["idempotency-key"] = key;
    EXPECT_EQ(status_of([&] { path_->run(request, admin_, create_thing("a")); }), 400)
        << key.size();
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM things"), 0);
}

TEST_F(WritePathTest, AFailedRequestStoresNoKeySoItsRetryRuns) {
  auto failing = post("/v1/things", R"({"name":"a"})", "key-1");
  EXPECT_EQ(status_of([&] {
              path_->run(failing, admin_,
                         [](UnitOfWork&) -> WriteResult { throw http::Problem::unavailable("x"); });
            }),
            503);
  auto retry = post("/v1/things", R"({"name":"a"})", "key-1");
  EXPECT_EQ(path_->run(retry, admin_, create_thing("a")).status, 201);
  EXPECT_EQ(scalar("SELECT count(*) FROM things"), 1);
}

TEST_F(WritePathTest, TheKeyIsIgnoredOnOtherMethods) {
  auto put = post("/v1/things/x", "{}", "key-1");
  put.method = http::Method::Put;
  path_->run(put, admin_, [](UnitOfWork&) { return WriteResult{200, boost::json::object{}, ""}; });
  EXPECT_EQ(scalar("SELECT count(*) FROM idempotency_keys"), 0);
}

TEST_F(WritePathTest, ConcurrentSameKeyWaitsForTheFirstAndReplaysIt) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> runs{0};
  const Work slow = [&](UnitOfWork& uow) {
    ++runs;
    auto result = create_thing("a")(uow);
    released.wait();  // hold the transaction open, key claimed, until the second request queues
    return result;
  };
  auto first_request = post("/v1/things", R"({"name":"a"})", "key-1");
  auto second_request = post("/v1/things", R"({"name":"a"})", "key-1");
  auto first =
      std::async(std::launch::async, [&] { return path_->run(first_request, admin_, slow); });
  while (runs.load() == 0) std::this_thread::sleep_for(5ms);
  auto second =
      std::async(std::launch::async, [&] { return path_->run(second_request, admin_, slow); });
  const bool queued = wait_for_lock_waiter("idempotency_keys");
  release.set_value();
  const auto a = first.get();
  const auto b = second.get();
  EXPECT_TRUE(queued) << "the second request never waited on the key";
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(a.status, 201);
  EXPECT_EQ(b.status, 201);
  EXPECT_EQ(a.body, b.body);
  EXPECT_EQ(scalar("SELECT count(*) FROM things"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 1);
}

TEST_F(WritePathTest, PurgeDropsOnlyKeysOlderThan48Hours) {
  for (const char* key : {"old", "new"}) {
    auto request = post("/v1/things", std::string(R"({"name":")") + key + "\"}", key);
    path_->run(request, admin_, create_thing(key));
  }
  exec("UPDATE idempotency_keys SET created_at = now() - interval '49 hours' WHERE key = 'old'");
  EXPECT_EQ(path_->purge_expired_keys(), 1u);
  EXPECT_EQ(scalar("SELECT count(*) FROM idempotency_keys WHERE key = 'new'"), 1);
}

class RowGuardsTest : public WritePathTest {
 protected:
  std::string add_thing() {
    const std::string id = events::new_event_id();
    exec("INSERT INTO things (id, federation_id, name) VALUES ('" + id + "', 'fed-a', 'n" + id +
         "')");
    return id;
  }
};

TEST_F(RowGuardsTest, LockVersionFindsOnlyTheFederationsRow) {
  const std::string id = add_thing();
  pool_->transact([&](pqxx::work& tx) {
    EXPECT_EQ(lock_version(tx, "things", "fed-a", id), std::optional<std::int64_t>(1));
    EXPECT_TRUE(lock_row(tx, "things", "fed-a", id));
    EXPECT_FALSE(lock_version(tx, "things", "fed-b", id).has_value());
    EXPECT_FALSE(lock_row(tx, "things", "fed-a", events::new_event_id()));
  });
}

TEST_F(RowGuardsTest, VersionedUpdateRaceHasExactlyOneWinner) {
  const std::string id = add_thing();
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<int> started{0};
  // Both decide on version 1; the first holds its update open until the second is queued on the
  // row.
  auto rename = [&](const std::string& name, bool hold) {
    return [&, name, hold](UnitOfWork& uow) {
      ++started;
      const auto r = uow.tx().exec_params(
          "UPDATE things SET name = $3, version = version + 1 WHERE id = $1 AND federation_id = $2 "
          "AND version = 1",
          id, uow.federation(), name);
      require_updated(r, "thing");
      if (hold) released.wait();
      uow.audit({.action = "thing.renamed",
                 .entity_type = "thing",
                 .entity_id = id,
                 .version_before = 1,
                 .version_after = 2,
                 .reason = Reason::none()});
      return WriteResult{200, boost::json::object{{"name", name}}, ""};
    };
  };
  auto first_request = post("/v1/things/x", "{}");
  auto second_request = post("/v1/things/x", "{}");
  auto first = std::async(std::launch::async,
                          [&] { return path_->run(first_request, admin_, rename("first", true)); });
  while (started.load() == 0) std::this_thread::sleep_for(5ms);
  auto second = std::async(std::launch::async, [&] {
    return status_of([&] { path_->run(second_request, admin_, rename("second", false)); });
  });
  const bool queued = wait_for_lock_waiter("UPDATE things");
  release.set_value();
  EXPECT_EQ(first.get().status, 200);
  EXPECT_EQ(second.get(), 409);
  EXPECT_TRUE(queued) << "the second update never waited on the row";
  EXPECT_EQ(scalar("SELECT version FROM things"), 2);
  EXPECT_EQ(scalar("SELECT count(*) FROM things WHERE name = 'first'"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 1);
}

TEST_F(RowGuardsTest, LockedRowsSerialiseDecisions) {
  // Two writers each add one to a counter after locking the row: with the lock neither update is
  // lost, whatever the interleaving.
  const std::string id = add_thing();
  auto bump = [&](UnitOfWork& uow) {
    const auto version = lock_version(uow.tx(), "things", uow.federation(), id);
    uow.tx().exec_params("UPDATE things SET version = $2 WHERE id = $1", id, *version + 1);
    uow.audit({.action = "thing.bumped",
               .entity_type = "thing",
               .entity_id = id,
               .version_before = version,
               .version_after = *version + 1,
               .reason = Reason::none()});
    return WriteResult{200, boost::json::object{}, ""};
  };
  std::vector<std::future<void>> writers;
  for (int i = 0; i < 4; ++i) {
    writers.push_back(std::async(std::launch::async, [&] {
      for (int j = 0; j < 10; ++j) {
        auto request = post("/v1/things/x", "{}");
        path_->run(request, admin_, bump);
      }
    }));
  }
  for (auto& w : writers) w.get();
  EXPECT_EQ(scalar("SELECT version FROM things"), 41);
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log"), 40);
  EXPECT_EQ(seal_pending(*pool_, "test"), 40u);
  const auto verified =
      pool_->transact([&](pqxx::work& tx) { return verify_audit(tx, "test", "fed-a"); });
  EXPECT_TRUE(verified.ok);
  EXPECT_EQ(verified.entries, 40);
}

}  // namespace
}  // namespace samverkan::writepath::test
