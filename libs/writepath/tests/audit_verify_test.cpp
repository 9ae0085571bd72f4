// The audit chain against a real PostgreSQL: it verifies when untouched, and verification finds
// the first broken entry after a field is edited, a middle entry deleted, or the newest deleted.
// Each test seals explicitly (seal_pending) before it verifies or tampers.
// Also prints (never asserts) what the audit chain and an Idempotency-Key add to a write.
#include <atomic>
#include <cstdio>
#include <functional>
#include <samverkan/events/event.hpp>
#include <samverkan/writepath/audit_log.hpp>
#include <thread>

#include "fixture.hpp"

namespace samverkan::writepath::test {
namespace {

class AuditChainTest : public WritePathTest {
 protected:
  void write_things(int count, const auth::Principal& who) {
    for (int i = 0; i < count; ++i) {
      auto request = post("/v1/things", "{}");
      path_->run(request, who, create_thing(who.federation + "-" + std::to_string(next_++)));
    }
    seal();
  }
  void seal() { seal_pending(*pool_, "test"); }
  Verification verify(const std::string& federation = "fed-a") {
    return pool_->transact([&](pqxx::work& tx) {
      tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
      return verify_audit(tx, "test", federation);
    });
  }
  int next_ = 0;
};

TEST_F(AuditChainTest, AnUntouchedChainVerifies) {
  EXPECT_TRUE(verify().ok);
  EXPECT_EQ(verify().entries, 0);
  write_things(5, admin_);
  auth::Principal other = admin_;
  other.federation = "fed-b";
  write_things(2, other);
  const auto a = verify();
  EXPECT_TRUE(a.ok);
  EXPECT_EQ(a.entries, 5);
  EXPECT_FALSE(a.first_broken.has_value());
  EXPECT_EQ(verify("fed-b").entries, 2);
  EXPECT_EQ(scalar("SELECT max(seq) FROM audit_log WHERE federation_id = 'fed-b'"), 2);
}

TEST_F(AuditChainTest, SeveralEntriesInOneWriteAreChainedInOrder) {
  auto request = post("/v1/things", "{}");
  path_->run(request, admin_, [](UnitOfWork& uow) {
    for (const char* id : {"x", "y", "z"}) {
      uow.audit({.action = "thing.checked",
                 .entity_type = "thing",
                 .entity_id = id,
                 .version_before = 1,
                 .version_after = 1,
                 .reason = Reason::given("yearly review")});
    }
    return WriteResult{200, boost::json::object{}, ""};
  });
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE seq IS NULL"), 3);
  seal();
  EXPECT_EQ(
      scalar("SELECT count(*) FROM audit_log WHERE reason = 'yearly review' AND seq IN (1, 2, 3)"),
      3);
  EXPECT_TRUE(verify().ok);
}

TEST_F(AuditChainTest, AnEditedFieldBreaksThatEntry) {
  write_things(5, admin_);
  exec("UPDATE audit_log SET subject = 'someone-else' WHERE federation_id = 'fed-a' AND seq = 3");
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.entries, 5);
  EXPECT_EQ(v.first_broken, std::optional<std::int64_t>(3));
}

TEST_F(AuditChainTest, AnEditedTimeOrVersionIsFoundToo) {
  write_things(3, admin_);
  exec("UPDATE audit_log SET recorded_at = recorded_at + interval '1 microsecond' WHERE seq = 2");
  EXPECT_EQ(verify().first_broken, std::optional<std::int64_t>(2));
  exec("UPDATE audit_log SET recorded_at = recorded_at - interval '1 microsecond' WHERE seq = 2");
  EXPECT_TRUE(verify().ok);
  exec("UPDATE audit_log SET version_after = 7 WHERE seq = 1");
  EXPECT_EQ(verify().first_broken, std::optional<std::int64_t>(1));
}

TEST_F(AuditChainTest, ADeletedMiddleEntryIsAGap) {
  write_things(5, admin_);
  exec("DELETE FROM audit_log WHERE federation_id = 'fed-a' AND seq = 3");
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.entries, 4);
  EXPECT_EQ(v.first_broken, std::optional<std::int64_t>(3));
}

TEST_F(AuditChainTest, ADeletedNewestEntryDisagreesWithTheHead) {
  write_things(5, admin_);
  exec("DELETE FROM audit_log WHERE federation_id = 'fed-a' AND seq = 5");
  const auto v = verify();
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.entries, 4);
  EXPECT_EQ(v.first_broken, std::optional<std::int64_t>(5));
}

TEST_F(AuditChainTest, ADeletedFirstEntryIsFound) {
  write_things(2, admin_);
  exec("DELETE FROM audit_log WHERE seq = 1");
  EXPECT_EQ(verify().first_broken, std::optional<std::int64_t>(1));
}

TEST_F(AuditChainTest, ReadPagesBySeqAndFiltersByEntity) {
  write_things(5, admin_);
  auth::Principal other = admin_;
  other.federation = "fed-b";
  write_things(1, other);
  auto page = [&](AuditQuery q) {
    return pool_->transact([&](pqxx::work& tx) { return read_audit(tx, "fed-a", q); });
  };
  const auto first =
      page({.after = 0, .limit = 2, .entity_type = std::nullopt, .entity_id = std::nullopt});
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[1].as_object().at("seq").as_int64(), 2);
  const auto rest =
      page({.after = 2, .limit = 100, .entity_type = std::nullopt, .entity_id = std::nullopt});
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest[0].as_object().at("seq").as_int64(), 3);
  const auto& entry = rest[0].as_object();
  for (const char* field :
       {"recorded_at", "subject", "roles", "federation_id", "action", "entity_type", "entity_id",
        "version_before", "version_after", "reason", "request_id", "hash"}) {
    EXPECT_TRUE(entry.contains(field)) << field;
  }
  EXPECT_EQ(entry.at("roles").as_array().size(), 1u);
  const std::string id(entry.at("entity_id").as_string());
  const auto one =
      page({.after = 0, .limit = 100, .entity_type = std::string("thing"), .entity_id = id});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].as_object().at("seq").as_int64(), 3);
  EXPECT_TRUE(page({.after = 0,
                    .limit = 100,
                    .entity_type = std::string("other"),
                    .entity_id = std::nullopt})
                  .empty());
}

// The cost of the audit chain and of an Idempotency-Key on a small write (one insert and one
// outbox row), from one client. The three kinds of write alternate in rounds after a warm-up, so
// drift in the machine's load spreads over all three. Printed for the record; never asserted.
TEST_F(AuditChainTest, PrintsWhatAuditAndKeysCost) {
  constexpr int kRounds = 5, kPerRound = 100;
  int n = 0;
  auto bare = [&](int) {
    auto request = post("/v1/things", "{}");
    path_->run(request, admin_, [name = "bare-" + std::to_string(n++)](UnitOfWork& uow) {
      const std::string id = events::new_event_id();
      uow.tx().exec_params("INSERT INTO things (id, federation_id, name) VALUES ($1, $2, $3)", id,
                           uow.federation(), name);
      uow.emit(ThingCreated{uow.federation(), id, name});
      return WriteResult{201, boost::json::object{}, ""};
    });
  };
  auto audited = [&](int) {
    auto request = post("/v1/things", "{}");
    path_->run(request, admin_, create_thing("audited-" + std::to_string(n++)));
  };
  auto keyed = [&](int) {
    auto request = post("/v1/things", "{}", "key-" + std::to_string(n));
    path_->run(request, admin_, create_thing("keyed-" + std::to_string(n++)));
  };
  const std::vector<std::pair<const char*, std::function<void(int)>>> kinds = {
      {"transaction + outbox, no audit entry", bare},
      {"+ one audit entry", audited},
      {"+ one audit entry + Idempotency-Key", keyed}};
  for (int i = 0; i < 50; ++i) bare(i);  // warm-up: connections, plans, caches
  std::vector<std::chrono::duration<double, std::micro>> total(kinds.size());
  for (int round = 0; round < kRounds; ++round) {
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      const auto start = std::chrono::steady_clock::now();
      for (int i = 0; i < kPerRound; ++i) kinds[k].second(i);
      total[k] += std::chrono::steady_clock::now() - start;
    }
  }
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    std::printf("[cost] %-40s %7.0f us/write\n", kinds[k].first,
                total[k].count() / (kRounds * kPerRound));
  }
  seal();
  const auto start = std::chrono::steady_clock::now();
  const auto v = verify();
  const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
  std::printf("[cost] verify of %lld entries: %.1f ms\n", static_cast<long long>(v.entries),
              took.count());
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.entries, 2 * kRounds * kPerRound);
}

// Four writers of one federation at once, with and without audit entries (which share no lock:
// the sealer chains them afterwards). Printed for the record; never asserted.
TEST_F(AuditChainTest, PrintsWhatTheChainHeadCostsConcurrentWriters) {
  constexpr int kWriters = 4, kEach = 100;
  std::atomic<int> n{0};
  auto run = [&](bool audited) {
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w) {
      writers.emplace_back([&] {
        for (int i = 0; i < kEach; ++i) {
          auto request = post("/v1/things", "{}");
          const std::string name = "c-" + std::to_string(n++);
          path_->run(request, admin_, [&](UnitOfWork& uow) {
            if (audited) return create_thing(name)(uow);
            const std::string id = events::new_event_id();
            uow.tx().exec_params("INSERT INTO things (id, federation_id, name) VALUES ($1, $2, $3)",
                                 id, uow.federation(), name);
            uow.emit(ThingCreated{uow.federation(), id, name});
            return WriteResult{201, boost::json::object{}, ""};
          });
        }
      });
    }
    for (auto& t : writers) t.join();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    return kWriters * kEach / took.count();
  };
  run(false);  // warm-up: every connection of the pool opened
  const double bare = run(false);
  const double audited = run(true);
  std::printf("[cost] %d writers, one federation: %.0f writes/s without audit, %.0f with\n",
              kWriters, bare, audited);
  seal();
  EXPECT_TRUE(verify().ok);
  EXPECT_EQ(verify().entries, kWriters * kEach);
}

}  // namespace
}  // namespace samverkan::writepath::test
