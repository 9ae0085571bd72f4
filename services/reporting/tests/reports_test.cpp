#include "../domain/reports.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

OrganisationTotals row(const char* id, EnrolmentCounts enrolments, Tally attendance) {
  return {id, std::string("Org ") + id, enrolments, attendance};
}

TEST(Summary, ShowsOrganisationsWithEnrolledParticipantsOrRecords) {
  EXPECT_TRUE(shown_in_summary(row("a", {1, 0}, {})));
  EXPECT_TRUE(shown_in_summary(row("b", {0, 1}, {0, 0, 0, 1, 0, 0})));  // withdrawn, one absence
  EXPECT_FALSE(shown_in_summary(row("c", {0, 1}, {})));                 // withdrawn, no records
  EXPECT_FALSE(shown_in_summary(row("d", {}, {})));                     // emptied row
}

TEST(Summary, TotalsAreOverTheShownRowsInTheirOrder) {
  const auto summary =
      summarise_cohort("cohort", "Round 1", {3, 1},
                       {row("b", {2, 0}, {1, 1, 0, 0, 0, 240}), row("c", {0, 1}, {}),
                        row("a", {1, 1}, {0, 0, 1, 1, 0, 0})});
  ASSERT_EQ(summary.organisations.size(), 2U);
  EXPECT_EQ(summary.organisations[0].organisation_id, "b");
  EXPECT_EQ(summary.organisations[1].organisation_id, "a");
  EXPECT_EQ(summary.enrolments, (EnrolmentCounts{3, 1}));  // c's withdrawal is not shown
  EXPECT_EQ(summary.attendance, (Tally{1, 1, 1, 1, 0, 240}));
  EXPECT_EQ(summary.attendance.attended(), 2);
  EXPECT_EQ(summary.sessions, (SessionCounts{3, 1}));
  EXPECT_EQ(summary.name, "Round 1");
}

TEST(Progress, OverallCountsEveryModuleAndListsThePlannedOnes) {
  const std::vector<ModuleInfo> listed{{"m1", "A1", "Leading", true, 12},
                                       {"m2", "B2", "Ethics", false, 6}};
  const std::vector<ModuleTotals> totals{{"m1", {1, 0, 0, 0, 0, 180}},
                                         {std::string(kNoModule), {1, 0, 0, 0, 0, 60}},
                                         {"gone", {0, 1, 0, 0, 0, 30}}};  // not in the modules
  const auto p = participant_progress("p", "o", listed, totals);
  EXPECT_EQ(p.overall, (Tally{2, 1, 0, 0, 0, 270}));
  EXPECT_EQ(p.outside_modules, (Tally{1, 0, 0, 0, 0, 60}));
  ASSERT_EQ(p.modules.size(), 2U);
  EXPECT_EQ(p.modules[0].module.code, "A1");
  EXPECT_EQ(p.modules[0].attendance.minutes, 180);
  EXPECT_TRUE(p.modules[1].attendance.zero());  // planned, nothing attended yet
  EXPECT_EQ(p.organisation_id, "o");
}

TEST(Progress, SelfStudyStaysApartFromSessionAttendance) {
  auto p =
      participant_progress("p", "o", {{"m1", "A1", "A", true, 10}, {"m2", "B1", "B", false, 8}},
                           {{"m1", {1, 0, 0, 0, 0, 180}}});
  add_self_study(p,
                 {{"m1", "2026-04-02", 45}, {"m1", "2026-04-09", 30}, {"gone", "2026-04-10", 20}});
  EXPECT_EQ(p.modules[0].self_study_minutes, 75);
  EXPECT_EQ(p.modules[1].self_study_minutes, 0);
  EXPECT_EQ(p.self_study_minutes, 95);              // a module not listed still counts in all
  EXPECT_EQ(p.modules[0].attendance.minutes, 180);  // never mixed into attended minutes
  EXPECT_EQ(p.overall.minutes, 180);
}

}  // namespace
}  // namespace samverkan::reporting
