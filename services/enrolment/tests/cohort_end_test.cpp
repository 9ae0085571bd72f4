// The cohort-end job against the real PostgreSQL: once a cohort's ends_on has passed, each approved
// enrolment without a leaving date gets left_on = ends_on and stays approved, as a normal
// transition (enrolment.changed with the next version, one audit entry by the job's subject);
// nothing else changes, a second run changes nothing, two replicas running at once end each
// enrolment exactly once, and an enrolment that ended with its cohort can no longer be withdrawn.
#include "../app/cohort_end.hpp"

#include <thread>

#include "store_fixture.hpp"

namespace samverkan::enrolment {
namespace {

using test::clock_now;
using test::store_admin;

class CohortEnd : public test::StoreFixture {
 protected:
  CohortEnd() : StoreFixture(6) {}

  // 150 days from now the fixture's running cohorts (ending in 100 days) have ended.
  Timestamp after_the_end() const { return clock_now() + std::chrono::days(150); }

  void approve(const EnrolmentId& id) {
    setup([&](writepath::UnitOfWork& uow) {
      EXPECT_TRUE(app::approve_enrolment(uow, id, store_admin(), clock_now).ok());
      return 0;
    });
  }

  std::int64_t count(const std::string& sql) {
    return pool_.transact([&](pqxx::work& tx) { return tx.exec(sql)[0][0].as<std::int64_t>(); });
  }
};

TEST_F(CohortEnd, ApprovedEnrolmentsLeaveOnTheLastDayAndStayApproved) {
  const auto cohort = running_cohort();
  const auto approved = enrol(cohort);
  approve(approved);
  const auto pending = enrol(cohort);
  const auto withdrawn = enrol(cohort);
  setup([&](writepath::UnitOfWork& uow) {
    EXPECT_TRUE(app::withdraw_enrolment(uow, withdrawn, {day_of(clock_now()), "moved"},
                                        store_admin(), clock_now)
                    .ok());
    return 0;
  });
  const auto before = stored(approved);
  const auto pending_before = stored(pending);
  const auto withdrawn_before = stored(withdrawn);

  // Not yet: the cohort is running.
  EXPECT_EQ(app::end_ended_cohorts(pool_, outbox_, clock_now()), 0u);
  EXPECT_EQ(app::end_ended_cohorts(pool_, outbox_, after_the_end()), 1u);

  const auto after = stored(approved);
  const Date ends_on = day_of(clock_now()) + std::chrono::days(100);
  EXPECT_EQ(after.status, EnrolmentStatus::Approved);
  EXPECT_EQ(after.left_on, ends_on);
  EXPECT_EQ(after.version, before.version + 1);
  const auto events = emitted(approved);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().type, "se.samverkan.enrolment.enrolment.changed.v1");
  EXPECT_EQ(events.back().version, after.version);
  EXPECT_EQ(events.back().status, "approved");
  const auto left_on_in_event = pool_.transact([&](pqxx::work& tx) {
    return tx
        .exec_params(
            "SELECT payload->>'left_on' FROM outbox WHERE aggregateid = $1 "
            "ORDER BY seq DESC LIMIT 1",
            approved.str())[0][0]
        .as<std::string>();
  });
  EXPECT_EQ(left_on_in_event, format_date(ends_on));
  const auto audit = audited(approved);
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.back().action, "enrolment.ended");
  EXPECT_EQ(audit.back().before, before.version);
  EXPECT_EQ(audit.back().after, after.version);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'enrolment.ended' AND "
                  "subject = 'samverkan-cohort-end'"),
            1);
  // The others are as they were.
  EXPECT_EQ(stored(pending).version, pending_before.version);
  EXPECT_EQ(stored(withdrawn).version, withdrawn_before.version);
  EXPECT_EQ(stored(withdrawn).left_on, withdrawn_before.left_on);

  // A second run changes nothing.
  const auto outbox_rows = count("SELECT count(*) FROM outbox");
  EXPECT_EQ(app::end_ended_cohorts(pool_, outbox_, after_the_end()), 0u);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), outbox_rows);

  // Having completed the cohort's period, the participant cannot withdraw from it.
  const auto refused = setup([&](writepath::UnitOfWork& uow) {
    return app::withdraw_enrolment(uow, approved, {day_of(clock_now()), "late"}, store_admin(),
                                   clock_now);
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, DomainError::Kind::Conflict);
}

TEST_F(CohortEnd, TwoReplicasAtOnceEndEachEnrolmentExactlyOnce) {
  const auto cohort = running_cohort();
  std::vector<EnrolmentId> ids;
  for (int i = 0; i < 12; ++i) {
    ids.push_back(enrol(cohort));
    approve(ids.back());
  }
  std::size_t first = 0, second = 0;
  {
    std::jthread a([&] { first = app::end_ended_cohorts(pool_, outbox_, after_the_end()); });
    std::jthread b([&] { second = app::end_ended_cohorts(pool_, outbox_, after_the_end()); });
  }
  EXPECT_EQ(first + second, ids.size());
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'enrolment.ended'"),
            static_cast<std::int64_t>(ids.size()));
  for (const auto& id : ids) EXPECT_TRUE(stored(id).left_on.has_value());
}

}  // namespace
}  // namespace samverkan::enrolment
