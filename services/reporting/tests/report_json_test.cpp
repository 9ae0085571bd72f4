#include "../handlers/report_json.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

TEST(SummaryJson, WritesEveryFieldWithHoursAsTwoDecimals) {
  const auto summary = summarise_cohort("c", std::nullopt, {2, 1},
                                        {{"o",
                                          "Linköpings \"kommun\"",
                                          {3, 1},
                                          tally_of("late", 2, 45) + tally_of("absent", 1, 0),
                                          2}});
  EXPECT_EQ(summary_json(summary),
            R"({"cohort_id":"c","name":null,"sessions_scheduled":2,"sessions_cancelled":1,)"
            R"("organisations":[{"organisation_id":"o","name":"Linköpings \"kommun\"",)"
            R"("participants_enrolled":3,"participants_withdrawn":1,"participants_completed":2,)"
            R"("sessions_attended":2,"minutes":45,"hours":0.75}],"totals":{)"
            R"("participants_enrolled":3,"participants_withdrawn":1,"participants_completed":2,)"
            R"("sessions_attended":2,"minutes":45,"hours":0.75}})");
}

TEST(SummaryJson, AnEmptyCohortHasNoRowsAndZeroTotals) {
  const auto text = summary_json(summarise_cohort("c", "Round", {}, {}));
  EXPECT_NE(text.find(R"("name":"Round")"), std::string::npos);
  EXPECT_NE(text.find(R"("organisations":[])"), std::string::npos);
  EXPECT_NE(text.find(R"("hours":0.00)"), std::string::npos);
}

TEST(ProgressJson, ListsModulesAndSessionsOutsideModules) {
  auto progress = participant_progress(
      "p", "o", {{"m", "L1", "Leading", true, 12}},
      {{"m", tally_of("present", 1, 180)}, {std::string(kNoModule), tally_of("present", 1, 60)}});
  add_self_study(progress, {{"m", "2026-04-02", 45}});
  EXPECT_EQ(progress_json(progress),
            R"({"participant_id":"p","organisation_id":"o","sessions_attended":2,"minutes":240,)"
            R"("hours":4.00,"modules":[{"module_id":"m","code":"L1","title":"Leading",)"
            R"("mandatory":true,"planned_hours":12,"sessions_attended":1,"minutes":180,)"
            R"("hours":3.00,"self_study_minutes":45}],)"
            R"("sessions_outside_modules":{"sessions_attended":1,"minutes":60},)"
            R"("self_study_minutes":45,"completion":[]})");
}

TEST(ProgressJson, ShowsEachCohortsCompletionWithWhatIsMissing) {
  auto progress = participant_progress("p", "o", {}, {});
  const CompletionRule rule{100, false, false, false, true, 0};
  progress.completions.push_back(
      {"c", "g",
       evaluate_completion(rule, {{"m", "M1", true, 2}},
                           {{"s1", "m", "lecture", "2026-04-01", 120, false},
                            {"k", std::nullopt, "conference", "2026-12-01", 480, false}},
                           {{"s1", "present", 120}})});
  const auto text = progress_json(progress);
  EXPECT_NE(
      text.find(R"("completion":[{"cohort_id":"c","programme_id":"g","complete":false,)"
                R"("completed_on":null,"missing":["conference 2026-12-01"],)"
                R"("electives_complete":0,"electives_required":0,"unit":"sessions",)"
                R"("modules":[{"module_id":"m","code":"M1","mandatory":true,"complete":true,)"
                R"("completed_on":"2026-04-01","attended":1,"required":1,"missing":null}],)"
                R"("conferences":[{"session_id":"k","date":"2026-12-01","attended":false}]}])"),
      std::string::npos)
      << text;
}

}  // namespace
}  // namespace samverkan::reporting
