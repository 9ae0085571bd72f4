// Completion kept from events: a participant completes when the last required mark arrives, a
// correction undoing it is published too, a rule arriving after the marks is applied then, the
// rebuild finds the same completions, and progress and summary show them.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "../handlers/report_json.hpp"
#include "../repo/rebuild.hpp"
#include "../repo/reports.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

using boost::json::object;

const std::string kFed = "fed-completion";

class Completions : public ::testing::Test {
 protected:
  std::string programme = uuid(kProgramme, 7), cohort = uuid(kCohort, 7),
              organisation = uuid(kOrganisation, 7), participant = uuid(kParticipant, 7),
              module = uuid(kModule, 7), enrolment = uuid(kEnrolment, 7);

  void feed(const std::string& type, object data) {
    data["federation_id"] = kFed;
    model.apply({model.event(type, std::move(data))});
  }
  // A rule of threshold % of sessions; version 1 is programme.created, later ones changed.
  void rule(std::int64_t threshold, int version) {
    object data{{"programme_id", programme},
                {"title", "Digital kompetens"},
                {"funder", "ESF+"},
                {"min_electives", 0},
                {"max_electives", nullptr},
                {"start_on_approval", false},
                {"completion_rule", object{{"threshold_percent", threshold},
                                           {"basis", "sessions"},
                                           {"excused_counts", false},
                                           {"self_study_counts", false},
                                           {"conferences_mandatory", true}}},
                {"version", version}};
    if (version == 1) {
      feed("se.samverkan.modules.programme.created.v1", data);
    } else {
      data["changed_at"] = "2026-02-01T10:00:00Z";
      feed("se.samverkan.modules.programme.changed.v1", data);
    }
  }
  void world() {
    feed("se.samverkan.modules.cohort.created.v1", {{"cohort_id", cohort},
                                                    {"programme_id", programme},
                                                    {"name", "Omgång 2026"},
                                                    {"starts_on", "2026-01-01"},
                                                    {"ends_on", "2026-12-31"}});
    feed("se.samverkan.modules.module.created.v1", {{"module_id", module},
                                                    {"programme_id", programme},
                                                    {"code", "M1"},
                                                    {"title", "Power Skills"},
                                                    {"mandatory", true},
                                                    {"planned_hours", 4}});
    feed("se.samverkan.enrolment.organisation.registered.v1", {{"organisation_id", organisation},
                                                               {"name", "Motala kommun"},
                                                               {"org_number", "212000-0001"},
                                                               {"type", "municipality"}});
    feed("se.samverkan.enrolment.participant.registered.v1", {{"participant_id", participant},
                                                              {"organisation_id", organisation},
                                                              {"name", "P"},
                                                              {"email", "p@example.org"},
                                                              {"gender", "woman"},
                                                              {"birth_year", 1980},
                                                              {"role", "officer"}});
    session(1, module, "lecture", "2026-04-01");
    session(2, module, "lecture", "2026-04-14");
    session(3, std::nullopt, "conference", "2026-12-01");
    feed("se.samverkan.enrolment.enrolment.approved.v1", {{"enrolment_id", enrolment},
                                                          {"participant_id", participant},
                                                          {"organisation_id", organisation},
                                                          {"cohort_id", cohort},
                                                          {"approved_at", "2026-01-11T10:00:00Z"},
                                                          {"version", 2}});
  }
  void session(int n, const std::optional<std::string>& module_id, const char* kind,
               const std::string& day) {
    feed("se.samverkan.modules.session.scheduled.v1",
         {{"session_id", uuid(kSession, 700 + n)},
          {"cohort_id", cohort},
          {"module_id", module_id ? boost::json::value(*module_id) : boost::json::value(nullptr)},
          {"kind", kind},
          {"title", "Session"},
          {"starts_at", day + "T08:00:00Z"},
          {"ends_at", day + "T10:00:00Z"},
          {"time_zone", "Europe/Stockholm"},
          {"delivery", "online"},
          {"location", nullptr},
          {"version", 1}});
  }
  void mark(int session_n, const char* status, int revision) {
    feed("se.samverkan.attendance.attendance.recorded.v1",
         {{"record_id", uuid(kRecord, 700 + session_n)},
          {"session_id", uuid(kSession, 700 + session_n)},
          {"participant_id", participant},
          {"cohort_id", cohort},
          {"module_id", session_n == 3 ? boost::json::value(nullptr) : boost::json::value(module)},
          {"status", status},
          {"minutes", std::string(status) == "present" ? 120 : 0},
          {"revision", revision},
          {"version", revision},
          {"recorded_at", "2026-04-14T12:00:00Z"}});
  }
  // The completion events published so far, oldest first.
  std::vector<object> published() {
    return model.pool().transact([](pqxx::work& tx) {
      std::vector<object> out;
      for (const auto& row :
           tx.exec("SELECT payload::text FROM outbox WHERE type = "
                   "'se.samverkan.reporting.completion.changed.v1' ORDER BY seq")) {
        out.push_back(boost::json::parse(row[0].as<std::string>()).as_object());
      }
      return out;
    });
  }
  object progress() {
    auto read = model.pool().transact(
        [&](pqxx::work& tx) { return repo::read_progress(tx, kFed, participant); });
    EXPECT_TRUE(read.has_value());
    return boost::json::parse(progress_json(*read)).as_object();
  }
  std::int64_t completed_in_summary() {
    auto read = model.pool().transact(
        [&](pqxx::work& tx) { return repo::read_summary(tx, kFed, cohort, std::nullopt); });
    const auto s = boost::json::parse(summary_json(*read)).as_object();
    const auto row = s.at("organisations").as_array().at(0).as_object();
    EXPECT_EQ(row.at("participants_completed"), s.at("totals").at("participants_completed"));
    return row.at("participants_completed").as_int64();
  }

  ReadModel model;
};

TEST_F(Completions, CompletingAndACorrectionUndoingItAreBothPublished) {
  rule(100, 1);
  world();
  mark(1, "present", 1);
  mark(3, "present", 1);
  EXPECT_TRUE(published().empty());
  auto p = progress().at("completion").as_array().at(0).as_object();
  EXPECT_FALSE(p.at("complete").as_bool());
  EXPECT_EQ(p.at("missing").as_array().at(0).as_string(), "1 more session of module M1");

  mark(2, "present", 1);
  auto events = published();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].at("complete").as_bool());
  EXPECT_EQ(events[0].at("completed_on").as_string(), "2026-12-01");
  EXPECT_EQ(events[0].at("version").as_int64(), 1);
  EXPECT_EQ(events[0].at("participant_id").as_string(), participant);
  EXPECT_EQ(completed_in_summary(), 1);
  p = progress().at("completion").as_array().at(0).as_object();
  EXPECT_TRUE(p.at("complete").as_bool());
  EXPECT_EQ(p.at("modules").as_array().at(0).at("completed_on").as_string(), "2026-04-14");

  mark(2, "absent", 2);  // the correction
  events = published();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_FALSE(events[1].at("complete").as_bool());
  EXPECT_TRUE(events[1].at("completed_on").is_null());
  EXPECT_EQ(events[1].at("version").as_int64(), 2);
  EXPECT_EQ(completed_in_summary(), 0);

  mark(2, "absent", 2);  // a redelivery changes nothing
  EXPECT_EQ(published().size(), 2u);
}

TEST_F(Completions, ARuleArrivingAfterTheMarksIsAppliedThenAndAChangedRuleToo) {
  world();
  mark(1, "present", 1);
  mark(3, "present", 1);
  EXPECT_TRUE(progress().at("completion").as_array().empty());  // no rule yet
  rule(100, 1);
  EXPECT_TRUE(published().empty());
  rule(50, 2);  // one of two sessions is enough now
  const auto events = published();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_TRUE(events[0].at("complete").as_bool());
  rule(100, 1);  // an older version arriving late changes nothing
  EXPECT_EQ(published().size(), 1u);
}

TEST_F(Completions, TheRebuildFindsTheSameCompletionsAndPublishesNothingNew) {
  rule(50, 1);
  world();
  mark(1, "present", 1);
  mark(3, "present", 1);
  const auto incremental = model.totals();
  ASSERT_EQ(published().size(), 1u);
  model.pool().transact([](pqxx::work& tx) { repo::rebuild_totals(tx); });
  EXPECT_EQ(model.totals(), incremental);
  EXPECT_EQ(published().size(), 1u);
  // A stored completion that no longer holds is corrected by the rebuild.
  model.pool().transact([](pqxx::work& tx) {
    tx.exec("UPDATE participant_completions SET completed_on = '2020-01-01'");
  });
  int sunk = 0;
  model.pool().transact([&](pqxx::work& tx) {
    repo::rebuild_totals(tx, [&](pqxx::work&, const CompletionChanged& c) {
      ++sunk;
      EXPECT_EQ(c.completion.completed_on, "2026-12-01");
      EXPECT_EQ(c.completion.version, 2);
    });
  });
  EXPECT_EQ(sunk, 1);
  EXPECT_EQ(model.totals(), incremental);
}

TEST_F(Completions, AWithdrawalKeepsWhatWasCompletedAndARejectionUndoesIt) {
  rule(50, 1);
  world();
  mark(1, "present", 1);
  mark(3, "present", 1);
  auto changed = [&](const char* status, int version) {
    feed("se.samverkan.enrolment.enrolment.changed.v1",
         {{"enrolment_id", enrolment},
          {"participant_id", participant},
          {"organisation_id", organisation},
          {"cohort_id", cohort},
          {"status", status},
          {"stage", nullptr},
          {"requested_at", "2026-01-10T10:00:00Z"},
          {"approved_at", nullptr},
          {"left_on", std::string(status) == "withdrawn" ? boost::json::value("2026-12-20")
                                                         : boost::json::value(nullptr)},
          {"version", version},
          {"changed_at", "2026-12-20T10:00:00Z"}});
  };
  changed("withdrawn", 3);
  EXPECT_EQ(published().size(), 1u);
  changed("rejected", 4);
  const auto events = published();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_FALSE(events[1].at("complete").as_bool());
}

TEST_F(Completions, ApprovedSelfStudyShowsApartInProgressAndCountsWhenTheRuleSaysSo) {
  // All of module 1's 4 planned hours, by hours, self-study counting; no conference required.
  feed("se.samverkan.modules.programme.created.v1",
       {{"programme_id", programme},
        {"title", "Digital kompetens"},
        {"funder", "ESF+"},
        {"min_electives", 0},
        {"max_electives", nullptr},
        {"start_on_approval", false},
        {"completion_rule", object{{"threshold_percent", 100},
                                   {"basis", "hours"},
                                   {"excused_counts", false},
                                   {"self_study_counts", true},
                                   {"conferences_mandatory", false}}},
        {"version", 1}});
  world();
  mark(1, "present", 1);
  mark(2, "present", 1);  // 240 of 240 minutes: complete by sessions alone
  const auto entry = [&](int n, int minutes, const char* status, int version) {
    feed("se.samverkan.attendance.self_study.changed.v1", {{"entry_id", uuid(kRecord, 790 + n)},
                                                           {"participant_id", participant},
                                                           {"organisation_id", organisation},
                                                           {"cohort_id", cohort},
                                                           {"module_id", module},
                                                           {"studied_on", "2026-04-20"},
                                                           {"minutes", minutes},
                                                           {"status", status},
                                                           {"version", version},
                                                           {"changed_at", "2026-04-21T10:00:00Z"}});
  };
  mark(2, "absent", 2);  // 120 of 240: not complete
  ASSERT_FALSE(published().back().at("complete").as_bool());
  entry(1, 60, "pending", 1);  // not approved: nothing counts or shows
  entry(2, 90, "approved", 2);
  EXPECT_FALSE(published().back().at("complete").as_bool());
  entry(1, 60, "approved", 2);  // 120 + 90 + 60 >= 240: complete on the day studied
  EXPECT_TRUE(published().back().at("complete").as_bool());
  EXPECT_EQ(published().back().at("completed_on").as_string(), "2026-04-20");

  const auto p = progress();
  const auto& m = p.at("modules").as_array().at(0).as_object();
  EXPECT_EQ(m.at("minutes").as_int64(), 120);  // session attendance only
  EXPECT_EQ(m.at("self_study_minutes").as_int64(), 150);
  EXPECT_EQ(p.at("minutes").as_int64(), 120);
  EXPECT_EQ(p.at("self_study_minutes").as_int64(), 150);
  const auto& c = p.at("completion").as_array().at(0).as_object();
  EXPECT_TRUE(c.at("complete").as_bool());
  EXPECT_EQ(c.at("modules").as_array().at(0).at("attended").as_int64(), 270);

  entry(1, 60, "rejected", 3);  // 210 of 240: not complete any more
  EXPECT_FALSE(published().back().at("complete").as_bool());
  EXPECT_EQ(progress().at("self_study_minutes").as_int64(), 90);
}

}  // namespace
}  // namespace samverkan::reporting::test
