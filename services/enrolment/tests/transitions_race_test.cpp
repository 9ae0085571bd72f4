// Approve and withdraw against the real PostgreSQL, through the same code the HTTP routes run
// (app/commands.cpp inside writepath::WritePath): concurrent transitions of one enrolment succeed
// at most once per version, the final row agrees with the last event, and every transition left
// exactly one event and one audit entry (version before and after; the reason for a withdrawal).
#include <gtest/gtest.h>

#include <latch>
#include <map>
#include <thread>
#include <vector>

#include "store_fixture.hpp"

namespace samverkan::enrolment {
namespace {

using test::clock_now;
constexpr int kRacers = 12;

Actor admin() { return test::store_admin(); }

class Transitions : public test::StoreFixture {
 protected:
  Transitions() : StoreFixture(kRacers + 2) {}

  // One transition through the write path, as the route runs it: the answer's status, and the
  // enrolment's version when it succeeded.
  std::pair<int, std::int64_t> transition(const EnrolmentId& id, bool approve,
                                          const Withdrawal& withdrawal) {
    http::Request request;
    request.method = http::Method::Post;
    request.path = "/v1/enrolments/" + id.str() + (approve ? "/approve" : "/withdraw");
    request.target = request.path;
    std::int64_t version = 0;
    try {
      const auto response = path_.run(request, principal_, [&](writepath::UnitOfWork& uow) {
        auto result = approve ? app::approve_enrolment(uow, id, admin(), clock_now)
                              : app::withdraw_enrolment(uow, id, withdrawal, admin(), clock_now);
        if (!result.ok()) throw http::Problem::conflict(result.error().message);
        version = result.value().version;
        return writepath::WriteResult{200, boost::json::object{}, ""};
      });
      return {response.status, version};
    } catch (const http::Problem& problem) {
      return {problem.status(), 0};
    }
  }
};

TEST_F(Transitions, ConcurrentApprovalsAndWithdrawalsSucceedOncePerVersion) {
  const Withdrawal withdrawal{day_of(clock_now()) + std::chrono::days(5), "left the post"};
  for (int round = 0; round < 5; ++round) {
    const auto id = pending_enrolment();
    std::latch start(kRacers);
    std::vector<std::pair<int, std::int64_t>> results(kRacers);
    std::vector<std::thread> racers;
    for (int i = 0; i < kRacers; ++i) {
      racers.emplace_back([&, i] {
        start.arrive_and_wait();  // all begin together, to make the race as tight as possible
        results[i] = transition(id, i % 2 == 0, withdrawal);
      });
    }
    for (auto& t : racers) t.join();

    // The winners: at most one approval (from version 1) and exactly one withdrawal; every loser
    // was refused by a rule of the state it found (409), never by an error.
    std::map<std::int64_t, int> winners_per_version;
    int approvals = 0, withdrawals = 0;
    for (int i = 0; i < kRacers; ++i) {
      const auto [status, version] = results[i];
      if (status == 200) {
        ++winners_per_version[version];
        (i % 2 == 0 ? approvals : withdrawals) += 1;
      } else {
        EXPECT_EQ(status, 409);
      }
    }
    for (const auto& [version, winners] : winners_per_version) {
      EXPECT_EQ(winners, 1) << "two transitions succeeded to version " << version;
    }
    EXPECT_LE(approvals, 1);
    EXPECT_EQ(withdrawals, 1);  // a withdrawal is possible from pending and from approved

    // One enrolment.changed per transition, versions 2, 3, ... without gaps; the row is at the
    // last one, in the state that event describes.
    std::vector<Emitted> changed;
    int approved_events = 0;
    for (const auto& e : emitted(id)) {
      if (e.type == "se.samverkan.enrolment.enrolment.changed.v1") changed.push_back(e);
      if (e.type == "se.samverkan.enrolment.enrolment.approved.v1") ++approved_events;
    }
    ASSERT_EQ(changed.size(), static_cast<std::size_t>(approvals + withdrawals));
    for (std::size_t k = 0; k < changed.size(); ++k) {
      EXPECT_EQ(changed[k].version, static_cast<std::int64_t>(k) + 2);
      // A transition that waited for the lock is stamped no earlier than the one before it.
      if (k > 0) {
        EXPECT_GE(changed[k].changed_at, changed[k - 1].changed_at);
      }
    }
    EXPECT_EQ(approved_events, approvals);
    const auto final_state = stored(id);
    EXPECT_EQ(final_state.version, changed.back().version);
    EXPECT_EQ(final_state.status, EnrolmentStatus::Withdrawn);
    EXPECT_EQ(changed.back().status, "withdrawn");
    EXPECT_EQ(final_state.left_on, withdrawal.left_on);

    // One audit entry per transition, chained version to version; only the withdrawal has a
    // reason.
    const auto entries = audited(id);
    ASSERT_EQ(entries.size(), changed.size());
    for (std::size_t k = 0; k < entries.size(); ++k) {
      EXPECT_EQ(entries[k].before, static_cast<std::int64_t>(k) + 1);
      EXPECT_EQ(entries[k].after, static_cast<std::int64_t>(k) + 2);
    }
    EXPECT_EQ(entries.back().action, "enrolment.withdrawn");
    EXPECT_EQ(entries.back().reason, withdrawal.reason);
    if (approvals == 1) {
      EXPECT_EQ(entries.front().action, "enrolment.approved");
      EXPECT_FALSE(entries.front().reason);
    }
  }
}

TEST_F(Transitions, AStaleDecisionIsNotStoredEvenWithoutTheLock) {
  // Two decisions made from the same snapshot (version 1), as two requests that skipped the row
  // lock would make them: the first is stored, the second finds the version moved and is refused.
  const auto id = pending_enrolment();
  const auto snapshot = stored(id);
  const auto cohort = pool_.transact(
      [&](pqxx::work& tx) { return *repo::find_cohort(tx, snapshot.federation, snapshot.cohort); });
  const auto policy = EnrolmentPolicy::defaults(snapshot.cohort, snapshot.federation);
  const SeatUsage none;
  const auto approve = decide_approve(snapshot, admin(), {policy, none, 1}, clock_now());
  const auto withdraw =
      decide_withdraw(snapshot, cohort, {day_of(clock_now()), "left"}, admin(), clock_now());
  ASSERT_TRUE(approve.ok());
  ASSERT_TRUE(withdraw.ok());
  EXPECT_TRUE(pool_.transact(
      [&](pqxx::work& tx) { return repo::update_enrolment(tx, approve.value().next, 1); }));
  EXPECT_FALSE(pool_.transact(
      [&](pqxx::work& tx) { return repo::update_enrolment(tx, withdraw.value().next, 1); }));
  EXPECT_EQ(stored(id).status, EnrolmentStatus::Approved);
  EXPECT_EQ(stored(id).version, 2);
}

}  // namespace
}  // namespace samverkan::enrolment
