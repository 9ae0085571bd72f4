// The completion funnel: each step counts only people of the step before, started means attended
// once, and without a rule only the first two steps are measured.
#include "../domain/funnel.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

// One mandatory module of two sessions, one elective of one, complete at 50 %: one session of
// the mandatory module completes it; the programme also wants one elective.
FunnelPlan plan() {
  FunnelPlan p;
  p.rule.threshold_percent = 50;
  p.rule.conferences_mandatory = false;
  p.rule.min_electives = 1;
  p.modules = {{"m1", "M1", true, 4}, {"m2", "M2", false, 2}};
  p.sessions = {{"s1", "m1", "lecture", "2026-03-01", 120, false},
                {"s2", "m1", "lecture", "2026-03-08", 120, false},
                {"s3", "m2", "lecture", "2026-03-15", 120, false}};
  return p;
}

std::map<std::string, std::vector<Mark>> people() {
  return {
      {"never", {}},                                                   // enrolled only
      {"absent", {{"s1", "absent", 0}}},                               // not started
      {"started", {{"s3", "present", 120}}},                           // started
      {"mandatory", {{"s1", "late", 90}}},                             // M1 done
      {"complete", {{"s2", "present", 120}, {"s3", "present", 120}}},  // all done
  };
}

TEST(Funnel, EachStepCountsPeopleOfTheOneBefore) {
  const auto f = count_funnel(plan(), people());
  EXPECT_TRUE(f.rule);
  EXPECT_EQ(f.enrolled, 5);
  EXPECT_EQ(f.started, 3);
  EXPECT_EQ(f.mandatory_complete, 2);
  EXPECT_EQ(f.complete, 1);
}

TEST(Funnel, WithoutARuleOnlyEnrolledAndStarted) {
  const auto f = count_funnel(std::nullopt, people());
  EXPECT_FALSE(f.rule);
  EXPECT_EQ(f.enrolled, 5);
  EXPECT_EQ(f.started, 3);
  EXPECT_EQ(f.mandatory_complete, 0);
  EXPECT_EQ(f.complete, 0);
}

TEST(Funnel, EmptyCohort) {
  const auto f = count_funnel(plan(), {});
  EXPECT_EQ(f.enrolled + f.started + f.mandatory_complete + f.complete, 0);
}

}  // namespace
}  // namespace samverkan::reporting
