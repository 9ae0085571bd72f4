// The exports read from the read model: sessions with their local times and figures, hours per
// participant and month with self-study apart, the same bytes twice, and no participant id in
// the pseudonymised variant.
#include <gtest/gtest.h>

#include "../repo/exports.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

using boost::json::object;

const std::string kFed = "fed-exports";

class ExportRead : public ::testing::Test {
 protected:
  std::string cohort = uuid(kCohort, 11), module = uuid(kModule, 11),
              organisation = uuid(kOrganisation, 11);

  void feed(const std::string& type, object data) {
    data["federation_id"] = kFed;
    model.apply({model.event(type, std::move(data))});
  }
  std::string participant(int n) const { return uuid(kParticipant, 110 + n); }
  void session(int n, const char* kind, const char* starts, const char* ends, bool in_module) {
    feed("se.samverkan.modules.session.scheduled.v1",
         {{"session_id", uuid(kSession, 110 + n)},
          {"cohort_id", cohort},
          {"module_id", in_module ? boost::json::value(module) : boost::json::value(nullptr)},
          {"kind", kind},
          {"title", "S"},
          {"starts_at", starts},
          {"ends_at", ends},
          {"time_zone", "Europe/Stockholm"},
          {"delivery", "online"},
          {"location", nullptr},
          {"version", 1}});
  }
  void mark(int p, int s, const char* status, int minutes) {
    feed("se.samverkan.attendance.attendance.recorded.v1",
         {{"record_id", uuid(kRecord, 1100 + p * 10 + s)},
          {"session_id", uuid(kSession, 110 + s)},
          {"participant_id", participant(p)},
          {"cohort_id", cohort},
          {"module_id", s == 3 ? boost::json::value(nullptr) : boost::json::value(module)},
          {"status", status},
          {"minutes", minutes},
          {"revision", 1},
          {"version", 1},
          {"recorded_at", "2026-04-30T12:00:00Z"}});
  }
  void world() {
    feed("se.samverkan.modules.cohort.created.v1", {{"cohort_id", cohort},
                                                    {"programme_id", uuid(kProgramme, 11)},
                                                    {"name", "Omgång 2026"},
                                                    {"starts_on", "2026-01-01"},
                                                    {"ends_on", "2026-12-31"}});
    feed("se.samverkan.modules.module.created.v1", {{"module_id", module},
                                                    {"programme_id", uuid(kProgramme, 11)},
                                                    {"code", "=M1"},
                                                    {"title", "Power Skills"},
                                                    {"mandatory", true},
                                                    {"planned_hours", 10}});
    for (int p = 1; p <= 2; ++p) {
      feed("se.samverkan.enrolment.participant.registered.v1",
           {{"participant_id", participant(p)},
            {"organisation_id", organisation},
            {"name", "Name " + std::to_string(p)},
            {"email", "p" + std::to_string(p) + "@example.org"},
            {"gender", "woman"},
            {"birth_year", 1980},
            {"role", "officer"}});
      feed("se.samverkan.enrolment.enrolment.approved.v1",
           {{"enrolment_id", uuid(kEnrolment, 110 + p)},
            {"participant_id", participant(p)},
            {"organisation_id", organisation},
            {"cohort_id", cohort},
            {"approved_at", "2026-01-11T10:00:00Z"},
            {"version", 2}});
    }
    // 10-12 Swedish summer time on 1 April and 30 April; self-study on 1 May.
    session(1, "lecture", "2026-04-01T08:00:00Z", "2026-04-01T10:00:00Z", true);
    session(2, "lecture", "2026-04-30T08:00:00Z", "2026-04-30T10:00:00Z", true);
    session(3, "self_study", "2026-05-01T06:00:00Z", "2026-05-01T07:00:00Z", false);
    mark(1, 1, "present", 120);
    mark(1, 2, "late", 90);
    mark(1, 3, "present", 60);
    mark(2, 1, "excused", 0);
  }
  std::string export_of(bool sessions, const ExportFormat& format) {
    std::string out = sessions ? sessions_header(format) : hours_header(format);
    model.pool().transact([&](pqxx::work& tx) {
      if (sessions) {
        repo::stream_sessions(tx, kFed, cohort,
                              [&](const auto& r) { out += session_row(r, format); });
      } else {
        repo::stream_hours(tx, kFed, cohort, [&](const auto& r) { out += hours_row(r, format); });
      }
    });
    return out;
  }

  ReadModel model;
};

TEST_F(ExportRead, SessionsInLocalTimeWithTheirFigures) {
  world();
  const auto text = export_of(true, {',', nullptr});
  EXPECT_NE(text.find(uuid(kSession, 111) +
                      ",2026-04-01,10:00,12:00,120,scheduled,lecture,\"'=M1\",,,2,1,0,"
                      "1,0,2.00\r\n"),
            std::string::npos)
      << text;
  EXPECT_NE(
      text.find(uuid(kSession, 113) + ",2026-05-01,08:00,09:00,60,scheduled,self_study,,,,2,1,0,"
                                      "0,0,1.00\r\n"),
      std::string::npos)
      << text;
  EXPECT_EQ(export_of(true, {',', nullptr}), text);  // the same data, the same bytes
}

TEST_F(ExportRead, TheTeacherIsNamedInBothVariants) {
  world();
  // Trainers assigned with names (one without, one whose name a spreadsheet would evaluate).
  feed("se.samverkan.modules.session.changed.v1", {{"session_id", uuid(kSession, 111)},
                                                   {"cohort_id", cohort},
                                                   {"module_id", module},
                                                   {"kind", "lecture"},
                                                   {"title", "S"},
                                                   {"starts_at", "2026-04-01T08:00:00Z"},
                                                   {"ends_at", "2026-04-01T10:00:00Z"},
                                                   {"time_zone", "Europe/Stockholm"},
                                                   {"delivery", "online"},
                                                   {"location", nullptr},
                                                   {"status", "scheduled"},
                                                   {"trainer_subjects", {"t-1", "t-2", "t-3"}},
                                                   {"trainers",
                                                    {{{"subject", "t-3"}, {"name", "Bo Berg"}},
                                                     {{"subject", "t-1"}, {"name", "=Åsa Ek"}},
                                                     {{"subject", "t-2"}, {"name", nullptr}}}},
                                                   {"version", 2},
                                                   {"changed_at", "2026-03-01T10:00:00Z"}});
  const std::string row = uuid(kSession, 111) +
                          ",2026-04-01,10:00,12:00,120,scheduled,lecture,\"'=M1\","
                          "\"t-1, t-2, t-3\",\"'=Åsa Ek, Bo Berg\",2,1,0,1,0,2.00\r\n";
  const auto full = export_of(true, {',', nullptr});
  EXPECT_NE(full.find(row), std::string::npos) << full;
  const Pseudonymiser key(std::string(32, 'k'));
  const auto hidden = export_of(true, {',', &key});
  EXPECT_NE(hidden.find(row), std::string::npos) << hidden;
  // A session without trainers has empty cells.
  EXPECT_NE(full.find(",self_study,,,,2,"), std::string::npos) << full;
}

TEST_F(ExportRead, HoursPerParticipantAndMonthWithSelfStudyApart) {
  world();
  const auto text = export_of(false, {';', nullptr});
  EXPECT_NE(text.find(participant(1) + ";" + organisation + ";2026-04;3.50;0.00;open\r\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(participant(1) + ";" + organisation + ";2026-05;0.00;1.00;open\r\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(participant(2) + ";" + organisation + ";2026-04;0.00;0.00;open\r\n"),
            std::string::npos);
}

TEST_F(ExportRead, ApprovedSelfStudyCountsApartAndEachMonthSaysItsStatementState) {
  world();
  const auto entry = [&](int n, const char* status, int minutes, int version) {
    feed("se.samverkan.attendance.self_study.changed.v1", {{"entry_id", uuid(kRecord, 1900 + n)},
                                                           {"participant_id", participant(1)},
                                                           {"organisation_id", organisation},
                                                           {"cohort_id", cohort},
                                                           {"module_id", module},
                                                           {"studied_on", "2026-05-02"},
                                                           {"minutes", minutes},
                                                           {"status", status},
                                                           {"version", version},
                                                           {"changed_at", "2026-05-03T10:00:00Z"}});
  };
  entry(1, "pending", 45, 1);
  entry(1, "approved", 45, 2);
  entry(1, "pending", 45, 1);  // a replay of the older version changes nothing
  entry(2, "rejected", 30, 2);
  const auto statement = [&](const char* state, int version) {
    feed("se.samverkan.attendance.statement.changed.v1", {{"participant_id", participant(1)},
                                                          {"organisation_id", organisation},
                                                          {"month", "2026-04"},
                                                          {"version", version},
                                                          {"state", state},
                                                          {"sha256", std::string(64, 'a')},
                                                          {"session_minutes", 210},
                                                          {"self_study_minutes", 0},
                                                          {"changed_at", "2026-05-01T10:00:00Z"}});
  };
  statement("confirmed", 1);
  const auto text = export_of(false, {';', nullptr});
  // April confirmed; May: 60 min of a self-study session and 45 of an approved entry.
  EXPECT_NE(text.find(participant(1) + ";" + organisation + ";2026-04;3.50;0.00;confirmed\r\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(participant(1) + ";" + organisation + ";2026-05;0.00;1.75;open\r\n"),
            std::string::npos)
      << text;
  statement("superseded", 2);
  EXPECT_NE(export_of(false, {';', nullptr})
                .find(participant(1) + ";" + organisation + ";2026-04;3.50;0.00;superseded\r\n"),
            std::string::npos);
}

TEST_F(ExportRead, ThePseudonymisedVariantHoldsNoParticipantIdAndIsStable) {
  world();
  const Pseudonymiser key(std::string(40, 's'));
  const auto text = export_of(false, {',', &key});
  for (int p = 1; p <= 2; ++p) {
    EXPECT_EQ(text.find(participant(p)), std::string::npos);
    EXPECT_NE(text.find(key.pseudonym(participant(p))), std::string::npos);
  }
  EXPECT_EQ(text.find("Name 1"), std::string::npos);
  EXPECT_EQ(text.find("@example.org"), std::string::npos);
  EXPECT_EQ(export_of(false, {',', &key}), text);
}

}  // namespace
}  // namespace samverkan::reporting::test
