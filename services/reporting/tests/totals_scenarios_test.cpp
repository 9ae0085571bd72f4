// The rules the totals follow, one scenario each, read back through the report reads and their
// JSON: a correction moves its difference, an older or repeated revision changes nothing, a
// withdrawal leaves the enrolled count but keeps the hours, a cancelled session's records leave
// the totals until it is scheduled again, and records of a participant reporting meets later
// join the organisation's row then.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "../handlers/report_json.hpp"
#include "../repo/rebuild.hpp"
#include "../repo/reports.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

using boost::json::object;

const std::string kFed = "fed-scenario";

class Scenario : public ::testing::Test {
 protected:
  std::string cohort = uuid(kCohort, 1), organisation = uuid(kOrganisation, 1),
              participant = uuid(kParticipant, 1), module = uuid(kModule, 1),
              session = uuid(kSession, 1), enrolment = uuid(kEnrolment, 1),
              record = uuid(kRecord, 1);

  void feed(const std::string& type, object data) {
    data["federation_id"] = kFed;
    model.apply({model.event(type, std::move(data))});
  }
  void world() {
    feed("se.samverkan.modules.cohort.created.v1", {{"cohort_id", cohort},
                                                    {"programme_id", uuid(kProgramme, 1)},
                                                    {"name", "Round 1"},
                                                    {"starts_on", "2026-01-01"},
                                                    {"ends_on", "2026-12-31"}});
    feed("se.samverkan.modules.module.created.v1", {{"module_id", module},
                                                    {"programme_id", uuid(kProgramme, 1)},
                                                    {"code", "L1"},
                                                    {"title", "Leading"},
                                                    {"mandatory", true},
                                                    {"planned_hours", 12}});
    feed("se.samverkan.enrolment.organisation.registered.v1", {{"organisation_id", organisation},
                                                               {"name", "Motala kommun"},
                                                               {"org_number", "212000-0001"},
                                                               {"type", "municipality"}});
    session_state("scheduled", 1);
  }
  void participant_registered() {
    feed("se.samverkan.enrolment.participant.registered.v1", {{"participant_id", participant},
                                                              {"organisation_id", organisation},
                                                              {"name", "P"},
                                                              {"email", "p@example.org"},
                                                              {"gender", "woman"},
                                                              {"birth_year", 1980},
                                                              {"role", "officer"}});
  }
  void session_state(const char* status, int version) {
    object data{{"session_id", session},
                {"cohort_id", cohort},
                {"module_id", module},
                {"kind", "lecture"},
                {"title", "Lecture"},
                {"starts_at", "2026-03-10T09:00:00+01:00"},
                {"ends_at", "2026-03-10T12:00:00+01:00"},
                {"time_zone", "Europe/Stockholm"},
                {"delivery", "on_site"},
                {"location", nullptr}};
    if (version == 1) {
      feed("se.samverkan.modules.session.scheduled.v1", data);
      return;
    }
    data["status"] = status;
    data["version"] = version;
    data["changed_at"] = "2026-02-01T10:00:00Z";
    feed("se.samverkan.modules.session.changed.v1", data);
  }
  object enrolment_key() const {
    return {{"enrolment_id", enrolment},
            {"participant_id", participant},
            {"organisation_id", organisation},
            {"cohort_id", cohort}};
  }
  void requested() {
    auto data = enrolment_key();
    data["requested_at"] = "2026-01-10T10:00:00Z";
    feed("se.samverkan.enrolment.enrolment.requested.v1", data);
  }
  void approved_unversioned() {
    auto data = enrolment_key();
    data["approved_at"] = "2026-01-11T10:00:00Z";
    feed("se.samverkan.enrolment.enrolment.approved.v1", data);
  }
  void enrolment_changed(const char* status, int version) {
    auto data = enrolment_key();
    data["status"] = status;
    data["stage"] = nullptr;
    data["requested_at"] = "2026-01-10T10:00:00Z";
    data["approved_at"] = "2026-01-11T10:00:00Z";
    data["left_on"] = std::string(status) == "withdrawn" ? boost::json::value("2026-04-01")
                                                         : boost::json::value(nullptr);
    data["version"] = version;
    data["changed_at"] = "2026-02-01T10:00:00Z";
    feed("se.samverkan.enrolment.enrolment.changed.v1", data);
  }
  void mark(const char* status, int minutes, int revision) {
    feed("se.samverkan.attendance.attendance.recorded.v1",
         {{"record_id", record},
          {"session_id", session},
          {"participant_id", participant},
          {"cohort_id", cohort},
          {"module_id", module},
          {"status", status},
          {"minutes", minutes},
          {"revision", revision},
          {"version", revision},
          {"recorded_at", "2026-03-10T12:00:00Z"}});
  }

  object summary() {
    auto read = model.pool().transact(
        [&](pqxx::work& tx) { return repo::read_summary(tx, kFed, cohort, std::nullopt); });
    EXPECT_TRUE(read.has_value());
    return boost::json::parse(summary_json(*read)).as_object();
  }
  object progress() {
    auto read = model.pool().transact(
        [&](pqxx::work& tx) { return repo::read_progress(tx, kFed, participant); });
    EXPECT_TRUE(read.has_value());
    return boost::json::parse(progress_json(*read)).as_object();
  }
  static std::int64_t at(const object& o, const char* key) { return o.at(key).as_int64(); }

  ReadModel model;
};

TEST_F(Scenario, ACorrectionMovesItsDifferenceAndAnOlderRevisionNothing) {
  world();
  participant_registered();
  requested();
  approved_unversioned();
  mark("present", 180, 1);
  mark("late", 45, 2);
  mark("present", 180, 1);  // late redelivery of revision 1
  mark("late", 45, 2);      // duplicate
  const auto s = summary();
  const auto& totals = s.at("totals").as_object();
  EXPECT_EQ(at(totals, "participants_enrolled"), 1);
  EXPECT_EQ(at(totals, "sessions_attended"), 1);
  EXPECT_EQ(at(totals, "minutes"), 45);
  EXPECT_DOUBLE_EQ(totals.at("hours").as_double(), 0.75);
  EXPECT_EQ(s.at("name").as_string(), "Round 1");
  EXPECT_EQ(at(s, "sessions_scheduled"), 1);
  const auto p = progress();
  EXPECT_EQ(at(p, "minutes"), 45);
  EXPECT_EQ(p.at("organisation_id").as_string(), organisation);
  const auto& modules = p.at("modules").as_array();
  ASSERT_EQ(modules.size(), 1U);
  EXPECT_EQ(modules[0].at("code").as_string(), "L1");
  EXPECT_EQ(at(modules[0].as_object(), "minutes"), 45);
}

TEST_F(Scenario, AnUnversionedApprovalWinsInEitherOrder) {
  world();
  approved_unversioned();
  requested();
  EXPECT_EQ(at(summary().at("totals").as_object(), "participants_enrolled"), 1);
}

TEST_F(Scenario, AWithdrawalLeavesTheEnrolledCountAndKeepsTheHours) {
  world();
  participant_registered();
  requested();
  approved_unversioned();
  mark("present", 120, 1);
  enrolment_changed("withdrawn", 2);
  approved_unversioned();  // the old approval again: older than the withdrawal
  const auto s = summary();
  const auto& row = s.at("organisations").as_array().at(0).as_object();
  EXPECT_EQ(at(row, "participants_enrolled"), 0);
  EXPECT_EQ(at(row, "participants_withdrawn"), 1);
  EXPECT_EQ(at(row, "minutes"), 120);
  EXPECT_EQ(row.at("name").as_string(), "Motala kommun");
  // Progress no longer lists the withdrawn cohort's modules unless attended: this one was.
  EXPECT_EQ(progress().at("modules").as_array().size(), 1U);
}

TEST_F(Scenario, ACancelledSessionsRecordsLeaveTheTotalsUntilItIsScheduledAgain) {
  world();
  participant_registered();
  requested();
  approved_unversioned();
  mark("present", 180, 1);
  session_state("cancelled", 2);
  auto s = summary();
  EXPECT_EQ(at(s, "sessions_scheduled"), 0);
  EXPECT_EQ(at(s, "sessions_cancelled"), 1);
  EXPECT_EQ(at(s.at("totals").as_object(), "minutes"), 0);
  EXPECT_EQ(at(progress(), "minutes"), 0);
  mark("late", 60, 2);  // a correction while cancelled moves nothing outside the session
  EXPECT_EQ(at(progress(), "minutes"), 0);
  session_state("scheduled", 3);
  session_state("cancelled", 2);  // the stale cancellation again: older, ignored
  s = summary();
  EXPECT_EQ(at(s, "sessions_scheduled"), 1);
  EXPECT_EQ(at(s.at("totals").as_object(), "minutes"), 60);
  EXPECT_EQ(at(progress(), "sessions_attended"), 1);
}

TEST_F(Scenario, RecordsOfAParticipantMetLaterJoinTheirOrganisationThen) {
  world();
  requested();
  approved_unversioned();
  mark("present", 90, 1);
  auto rows = summary().at("organisations").as_array();
  ASSERT_EQ(rows.size(), 1U);
  EXPECT_EQ(at(rows[0].as_object(), "minutes"), 0);  // the enrolment's row, no hours yet
  participant_registered();
  rows = summary().at("organisations").as_array();
  EXPECT_EQ(at(rows[0].as_object(), "minutes"), 90);
}

TEST_F(Scenario, AMigrationsPendingRebuildRunsOnceAndRestoresTheTotals) {
  EXPECT_TRUE(repo::rebuild_if_pending(model.pool()));  // 0002 asks for one
  EXPECT_FALSE(repo::rebuild_if_pending(model.pool()));
  world();
  participant_registered();
  requested();
  approved_unversioned();
  mark("late", 30, 1);
  const auto kept = model.totals();
  model.pool().transact([](pqxx::work& tx) {
    tx.exec("DELETE FROM cohort_organisation_totals");
    tx.exec("UPDATE totals_rebuild SET pending = true");
  });
  ASSERT_NE(model.totals(), kept);
  EXPECT_TRUE(repo::rebuild_if_pending(model.pool()));
  EXPECT_EQ(model.totals(), kept);
}

}  // namespace
}  // namespace samverkan::reporting::test
