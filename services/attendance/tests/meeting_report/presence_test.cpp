#include "../../domain/meeting_report/presence.hpp"

#include <gtest/gtest.h>

namespace samverkan::attendance::meeting_report {
namespace {

using namespace std::chrono;

const Window kWindow{local_seconds(2026y / 3 / 10, 9, 0, 0),
                     local_seconds(2026y / 3 / 10, 11, 0, 0)};
LocalSeconds at(int h, int m, int s = 0) { return local_seconds(2026y / 3 / 10, h, m, s); }

TEST(Presence, StatusByPolicy) {
  const Policy policy;
  EXPECT_EQ(status_for(0, 120, policy), Status::Absent);
  EXPECT_EQ(status_for(1, 120, policy), Status::Late);
  EXPECT_EQ(status_for(89, 120, policy), Status::Late);
  EXPECT_EQ(status_for(90, 120, policy), Status::Present);  // exactly 75 %
  EXPECT_EQ(status_for(120, 120, policy), Status::Present);
  EXPECT_EQ(status_for(60, 120, Policy{50}), Status::Present);
}

TEST(Presence, AProgrammesPolicyOrTheDefault) {
  EXPECT_EQ(policy_of(std::nullopt).present_percent, 75);  // no programme or no stated policy
  EXPECT_EQ(policy_of(90).present_percent, 90);
  EXPECT_EQ(status_for(96, 120, policy_of(std::nullopt)), Status::Present);  // 80 %
  EXPECT_EQ(status_for(96, 120, policy_of(90)), Status::Late);
  EXPECT_EQ(status_for(108, 120, policy_of(90)), Status::Present);  // exactly 90 %
}

TEST(Presence, UnionClippedToTheWindow) {
  // Before the start and after the end count only inside; overlaps (two devices) count once;
  // touching intervals join; an interval wholly outside counts nothing.
  EXPECT_EQ(seconds_within({{at(8, 0), at(9, 30)}}, kWindow), 30 * 60);
  EXPECT_EQ(seconds_within({{at(10, 30), at(12, 0)}}, kWindow), 30 * 60);
  EXPECT_EQ(seconds_within({{at(9, 20), at(10, 40)}, {at(9, 30), at(10, 0)}}, kWindow), 80 * 60);
  EXPECT_EQ(seconds_within({{at(9, 0), at(9, 30)}, {at(9, 30), at(10, 0)}}, kWindow), 60 * 60);
  EXPECT_EQ(seconds_within({{at(10, 0), at(10, 10)}, {at(9, 0), at(9, 10)}}, kWindow), 20 * 60);
  EXPECT_EQ(seconds_within({{at(7, 0), at(8, 0)}, {at(11, 0), at(12, 0)}}, kWindow), 0);
  EXPECT_EQ(seconds_within({}, kWindow), 0);
  EXPECT_EQ(seconds_within({{at(8, 0), at(12, 0)}, {at(9, 10), at(9, 20)}}, kWindow), 120 * 60);
}

TEST(Presence, MinutesRoundToTheNearestAndTotalsAreBounded) {
  EXPECT_EQ(minutes_of({{at(9, 0, 30), at(11, 0)}}, std::nullopt, kWindow), 120);  // 119.5
  EXPECT_EQ(minutes_of({{at(9, 0, 31), at(11, 0)}}, std::nullopt, kWindow), 119);
  // Totals: the stated minutes, at most the clipped span, or the window without one.
  EXPECT_EQ(minutes_of({}, 121 * 60, kWindow), 120);
  EXPECT_EQ(minutes_of({}, 80 * 60, kWindow), 80);
  EXPECT_EQ(minutes_of({{at(10, 30), at(12, 0)}}, 90 * 60, kWindow), 30);
  EXPECT_EQ(minutes_of({{at(8, 0), at(12, 0)}}, 100 * 60, kWindow), 100);
  EXPECT_EQ(minutes_of({}, -5, kWindow), 0);
}

Attendee person(std::size_t line, std::string name, std::optional<std::string> email,
                std::vector<Interval> intervals) {
  return Attendee{line, std::move(name), std::move(email), std::move(intervals), std::nullopt};
}

TEST(Presence, PlanMatchesByEmailAndAliasesAndReportsTheRest) {
  Report report;
  report.attendees = {
      person(2, "Anna Lind", "anna@x.se", {{at(8, 58), at(10, 2)}}),
      person(3, "Bo Ek", "bo@x.se", {{at(9, 20), at(10, 40)}}),
      person(4, "Anna (phone)", "anna.private@y.se", {{at(10, 0), at(11, 1)}}),  // an alias
      person(5, "Kalle", std::nullopt, {{at(9, 0), at(10, 0)}}),
      person(6, "Tina", "tina@x.se", {{at(9, 0), at(11, 0)}}),
      person(7, "Twin", "shared@x.se", {{at(9, 0), at(11, 0)}}),
      person(8, "Cia", "cia@x.se", {{at(7, 0), at(8, 0)}}),
  };
  const std::vector<Expected> expected{{"p-anna", {"anna@x.se", "anna.private@y.se"}},
                                       {"p-bo", {"bo@x.se"}},
                                       {"p-dan", {"dan@x.se", "shared@x.se"}},
                                       {"p-eva", {"eva@x.se", "shared@x.se"}},
                                       {"p-cia", {"cia@x.se", "cia@x.se"}}};
  const auto plan = plan_import(report, expected, kWindow, Policy{});
  ASSERT_EQ(plan.matched.size(), 3u);
  EXPECT_EQ(plan.matched[0].participant_id, "p-anna");
  EXPECT_EQ(plan.matched[0].email, "anna@x.se");
  EXPECT_EQ(plan.matched[0].minutes, 120);  // 09:00-11:00 from two rows
  EXPECT_EQ(plan.matched[0].status, Status::Present);
  EXPECT_EQ(plan.matched[0].first_join, at(8, 58));
  EXPECT_EQ(plan.matched[1].participant_id, "p-bo");
  EXPECT_EQ(plan.matched[1].minutes, 80);
  EXPECT_EQ(plan.matched[1].status, Status::Late);
  EXPECT_EQ(plan.matched[2].participant_id, "p-cia");  // in the file, but not in the window
  EXPECT_EQ(plan.matched[2].minutes, 0);
  EXPECT_EQ(plan.matched[2].status, Status::Absent);
  ASSERT_EQ(plan.unmatched.size(), 3u);
  EXPECT_EQ(plan.unmatched[0].reason, "no_email");
  EXPECT_EQ(plan.unmatched[0].line, 5u);
  EXPECT_EQ(plan.unmatched[1].reason, "unknown_email");
  EXPECT_EQ(plan.unmatched[1].name, "Tina");
  EXPECT_EQ(plan.unmatched[2].reason, "ambiguous_email");
  EXPECT_EQ(plan.expected_missing, (std::vector<std::string>{"p-dan", "p-eva"}));
}

TEST(Presence, PlanAddsTotalsOfOneParticipant) {
  Report report;
  auto a = person(2, "A", "a@x.se", {});
  a.total_seconds = 30 * 60;
  auto b = person(3, "A2", "a2@x.se", {});
  b.total_seconds = 40 * 60;
  report.attendees = {a, b};
  const auto plan = plan_import(report, {{"p-a", {"a@x.se", "a2@x.se"}}}, kWindow, Policy{});
  ASSERT_EQ(plan.matched.size(), 1u);
  EXPECT_EQ(plan.matched[0].minutes, 70);
  EXPECT_FALSE(plan.matched[0].first_join);
}

}  // namespace
}  // namespace samverkan::attendance::meeting_report
