// Seats against the real PostgreSQL, through the write path the routes use: final approvals that
// race for the last seats, promotion from the waitlist when a seat frees or a limit rises, and a
// policy change that would drop approved people.
#include <algorithm>
#include <latch>
#include <thread>
#include <vector>

#include "store_fixture.hpp"

namespace samverkan::enrolment {
namespace {

using test::clock_now;
constexpr int kRequests = 40;
constexpr int kSeats = 10;

class Seats : public test::StoreFixture {
 protected:
  Seats() : StoreFixture(24) {}

  int set_policy(const CohortId& cohort, std::optional<std::int64_t> capacity) {
    const PolicyChange change{capacity, {}, {Stage::Organisation, Stage::Federation}, true};
    return through_write_path(
        "/v1/cohorts/" + cohort.str() + "/enrolment-policy", [&](writepath::UnitOfWork& uow) {
          auto r = app::set_policy(uow, cohort, change, test::store_admin(), clock_now);
          if (!r.ok()) throw http::Problem::conflict(r.error().message);
          last_refusal_ = "";
        });
  }

  int approve(const EnrolmentId& id) {
    return through_write_path(
        "/v1/enrolments/" + id.str() + "/approve", [&](writepath::UnitOfWork& uow) {
          auto r = app::approve_enrolment(uow, id, test::store_admin(), clock_now);
          if (!r.ok()) throw http::Problem::conflict(r.error().message);
        });
  }

  int withdraw(const EnrolmentId& id) {
    const Withdrawal w{day_of(clock_now()) + std::chrono::days(1), "moved away"};
    return through_write_path(
        "/v1/enrolments/" + id.str() + "/withdraw", [&](writepath::UnitOfWork& uow) {
          auto r = app::withdraw_enrolment(uow, id, w, test::store_admin(), clock_now);
          if (!r.ok()) throw http::Problem::conflict(r.error().message);
        });
  }

  // The cohort's enrolments in request order (time of request, then id: the queue's order).
  std::vector<Enrolment> in_request_order(const std::vector<EnrolmentId>& ids) {
    std::vector<Enrolment> all;
    for (const auto& id : ids) all.push_back(stored(id));
    std::sort(all.begin(), all.end(), [](const Enrolment& a, const Enrolment& b) {
      return std::tie(a.requested_at, a.id) < std::tie(b.requested_at, b.id);
    });
    return all;
  }

  // 40 requests, each through the organisation stage, waiting at the federation stage.
  std::vector<EnrolmentId> at_final_stage(const CohortId& cohort) {
    std::vector<EnrolmentId> ids;
    for (int i = 0; i < kRequests; ++i) {
      ids.push_back(enrol(cohort));
      EXPECT_EQ(approve(ids.back()), 200);
      EXPECT_EQ(stored(ids.back()).stage, Stage::Federation);
    }
    return ids;
  }

  std::string last_refusal_;
};

TEST_F(Seats, FortyFinalApprovalsForTenSeatsApproveTenAndQueueThirtyInRequestOrder) {
  const auto cohort = running_cohort();
  ASSERT_EQ(set_policy(cohort, kSeats), 200);
  const auto ids = at_final_stage(cohort);

  std::latch start(kRequests);
  std::vector<int> answers(kRequests);
  std::vector<std::thread> racers;
  for (int i = 0; i < kRequests; ++i) {
    racers.emplace_back([&, i] {
      start.arrive_and_wait();
      answers[i] = approve(ids[i]);
    });
  }
  for (auto& t : racers) t.join();

  // Every final approval was decided (a seat or a place), none refused or failed.
  for (const int answer : answers) EXPECT_EQ(answer, 200);
  int approved = 0;
  std::vector<Enrolment> queue;
  for (const auto& e : in_request_order(ids)) {
    if (e.status == EnrolmentStatus::Approved) ++approved;
    if (e.status == EnrolmentStatus::Waitlisted) queue.push_back(e);
    EXPECT_EQ(e.version, 3);  // requested, organisation stage, federation stage
    // One audit entry per change: the request's, then the two stages'.
    const auto entries = audited(e.id);
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries.back().after, 3);
  }
  EXPECT_EQ(approved, kSeats);
  ASSERT_EQ(queue.size(), static_cast<std::size_t>(kRequests - kSeats));
  // The queue is in request order, whatever order the approvals arrived in.
  for (std::size_t k = 0; k < queue.size(); ++k) {
    EXPECT_EQ(queue[k].waitlist_position, static_cast<std::int64_t>(k) + 1);
  }
}

TEST_F(Seats, AWithdrawalPromotesTheFirstInLine) {
  const auto cohort = running_cohort();
  ASSERT_EQ(set_policy(cohort, 2), 200);
  std::vector<EnrolmentId> ids;
  for (int i = 0; i < 4; ++i) {
    ids.push_back(enrol(cohort));
    ASSERT_EQ(approve(ids.back()), 200);  // organisation stage
    ASSERT_EQ(approve(ids.back()), 200);  // federation stage: a seat, or the queue
  }
  ASSERT_EQ(stored(ids[2]).status, EnrolmentStatus::Waitlisted);
  ASSERT_EQ(stored(ids[2]).waitlist_position, 1);
  ASSERT_EQ(stored(ids[3]).waitlist_position, 2);

  ASSERT_EQ(withdraw(ids[0]), 200);
  const auto promoted = stored(ids[2]);
  EXPECT_EQ(promoted.status, EnrolmentStatus::Approved);
  EXPECT_EQ(promoted.approved_by, std::string(kWaitlistApprover));
  EXPECT_EQ(stored(ids[3]).waitlist_position, 1);  // moved up
  // The promotion is its own change: its own event and audit entry.
  const auto entries = audited(ids[2]);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries.back().action, "enrolment.promoted");
  EXPECT_EQ(entries.back().after, 4);
  const auto events = emitted(ids[2]);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().status, "");  // the transitional approved event comes last
  EXPECT_EQ(events[events.size() - 2].status, "approved");
  EXPECT_EQ(events[events.size() - 2].version, 4);
}

TEST_F(Seats, APolicyNeverDropsApprovedPeopleAndARiseLetsTheQueueIn) {
  const auto cohort = running_cohort();
  ASSERT_EQ(set_policy(cohort, 1), 200);
  std::vector<EnrolmentId> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(enrol(cohort));
    ASSERT_EQ(approve(ids.back()), 200);
    ASSERT_EQ(approve(ids.back()), 200);
  }
  EXPECT_EQ(set_policy(cohort, 0), 409);  // one seat is in use
  EXPECT_EQ(stored(ids[0]).status, EnrolmentStatus::Approved);
  ASSERT_EQ(set_policy(cohort, 3), 200);
  EXPECT_EQ(stored(ids[1]).status, EnrolmentStatus::Approved);
  EXPECT_EQ(stored(ids[2]).status, EnrolmentStatus::Approved);
}

}  // namespace
}  // namespace samverkan::enrolment
