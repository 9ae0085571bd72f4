#include "../handlers/report_json.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

TEST(SummaryJson, WritesEveryFieldWithHoursAsTwoDecimals) {
  const auto summary = summarise_cohort(
      "c", std::nullopt, {2, 1},
      {{"o", "Linköpings \"kommun\"", {3, 1}, tally_of("late", 2, 45) + tally_of("absent", 1, 0)}});
  EXPECT_EQ(summary_json(summary),
            R"({"cohort_id":"c","name":null,"sessions_scheduled":2,"sessions_cancelled":1,)"
            R"("organisations":[{"organisation_id":"o","name":"Linköpings \"kommun\"",)"
            R"("participants_enrolled":3,"participants_withdrawn":1,"sessions_attended":2,)"
            R"("minutes":45,"hours":0.75}],"totals":{"participants_enrolled":3,)"
            R"("participants_withdrawn":1,"sessions_attended":2,"minutes":45,"hours":0.75}})");
}

TEST(SummaryJson, AnEmptyCohortHasNoRowsAndZeroTotals) {
  const auto text = summary_json(summarise_cohort("c", "Round", {}, {}));
  EXPECT_NE(text.find(R"("name":"Round")"), std::string::npos);
  EXPECT_NE(text.find(R"("organisations":[])"), std::string::npos);
  EXPECT_NE(text.find(R"("hours":0.00)"), std::string::npos);
}

TEST(ProgressJson, ListsModulesAndSessionsOutsideModules) {
  const auto progress = participant_progress(
      "p", "o", {{"m", "L1", "Leading", true, 12}},
      {{"m", tally_of("present", 1, 180)}, {std::string(kNoModule), tally_of("present", 1, 60)}});
  EXPECT_EQ(progress_json(progress),
            R"({"participant_id":"p","organisation_id":"o","sessions_attended":2,"minutes":240,)"
            R"("hours":4.00,"modules":[{"module_id":"m","code":"L1","title":"Leading",)"
            R"("mandatory":true,"planned_hours":12,"sessions_attended":1,"minutes":180,)"
            R"("hours":3.00}],"sessions_outside_modules":{"sessions_attended":1,"minutes":60}})");
}

}  // namespace
}  // namespace samverkan::reporting
