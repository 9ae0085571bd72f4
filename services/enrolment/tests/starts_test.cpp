// started_on against the real PostgreSQL: the replicas of sessions and marks, merged by version,
// move an approved enrolment's start to the first session attended (in the session's own time
// zone), with an event and an audit entry of the service's own, and back when a mark is corrected.
#include <samverkan/writepath/own_change.hpp>

#include "store_fixture.hpp"

namespace samverkan::enrolment {
namespace {

using test::clock_now;

class Starts : public test::StoreFixture {
 protected:
  Starts() : StoreFixture(4) {}

  void session(const ids::SessionId& id, const CohortId& cohort, const std::string& starts_at,
               std::int64_t version = 1, const std::string& status = "scheduled") {
    pool_.transact([&](pqxx::work& tx) {
      repo::store_session(tx, {id, fed_, cohort, starts_at, "Europe/Stockholm", status, version});
    });
  }

  // What the attendance.recorded handler does: store the mark; when it is news, move the start.
  void mark(const std::string& record, const ids::SessionId& session, const ParticipantId& who,
            const CohortId& cohort, bool attended, std::int64_t revision) {
    pool_.transact([&](pqxx::work& tx) {
      if (!repo::store_mark(tx, {record, fed_, session, who, cohort, attended, revision})) return;
      writepath::change_on_own_account(tx, "enrolment", fed_.str(), "mark-" + record, outbox_,
                                       [&](writepath::UnitOfWork& uow) {
                                         app::record_start(uow, fed_, who, cohort, clock_now());
                                       });
    });
  }

  FederationId fed_{"ostergotland"};
};

TEST_F(Starts, TheFirstAttendedSessionInItsOwnTimeZoneAndBackAfterACorrection) {
  const auto cohort = running_cohort();
  const auto id = enrol(cohort);
  setup([&](writepath::UnitOfWork& uow) {
    EXPECT_TRUE(app::approve_enrolment(uow, id, test::store_admin(), clock_now).ok());
    return 0;
  });
  const auto who = stored(id).participant;
  const ids::SessionId early("00000000-0000-4000-8000-0000000000e1");
  const ids::SessionId later("00000000-0000-4000-8000-0000000000e2");
  // 23:30 UTC on 2 March is 00:30 on 3 March in Stockholm.
  session(early, cohort, "2026-03-02T23:30:00Z");
  session(later, cohort, "2026-03-10T09:00:00Z");

  mark("00000000-0000-4000-8000-0000000000f2", later, who, cohort, true, 1);
  EXPECT_EQ(stored(id).started_on, parse_date("2026-03-10"));
  mark("00000000-0000-4000-8000-0000000000f1", early, who, cohort, true, 1);
  EXPECT_EQ(stored(id).started_on, parse_date("2026-03-03"));
  // A replayed older revision changes nothing; the correction to absent moves the start back.
  mark("00000000-0000-4000-8000-0000000000f1", early, who, cohort, true, 1);
  EXPECT_EQ(stored(id).started_on, parse_date("2026-03-03"));
  mark("00000000-0000-4000-8000-0000000000f1", early, who, cohort, false, 2);
  EXPECT_EQ(stored(id).started_on, parse_date("2026-03-10"));

  // Started on the 10th (3), the 3rd (4), the 10th again (5): one entry each (the approval was
  // set-up, whose entries the fixture drops).
  const auto entries = audited(id);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries.back().action, "enrolment.started");
  EXPECT_EQ(entries.back().after, 5);
  EXPECT_EQ(emitted(id).back().version, 5);
}

TEST_F(Starts, APendingParticipantHasNotStarted) {
  const auto cohort = running_cohort();
  const auto id = enrol(cohort);
  const ids::SessionId s("00000000-0000-4000-8000-0000000000e3");
  session(s, cohort, "2026-03-10T09:00:00Z");
  mark("00000000-0000-4000-8000-0000000000f3", s, stored(id).participant, cohort, true, 1);
  EXPECT_FALSE(stored(id).started_on);
  EXPECT_EQ(stored(id).version, 1);
}

}  // namespace
}  // namespace samverkan::enrolment
