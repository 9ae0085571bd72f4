// Every branch of evaluate_completion. The reference programme "Digital kompetens för offentlig
// sektor" (tools/demo/seed_data.py): module 1 mandatory, modules 2-5 electives, the start and
// final conferences mandatory; its rule here: 80 % of a module's sessions, one elective.
#include "../domain/completion.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

const CompletionRule kReference{80, false, false, false, true, 1};

struct Reference {
  std::vector<PlannedModule> modules{{"m1", "M1", true, 10},
                                     {"m2", "M2", false, 8},
                                     {"m3", "M3", false, 8},
                                     {"m4", "M4", false, 10},
                                     {"m5", "M5", false, 10}};
  std::vector<PlannedSession> sessions{
      {"c1", std::nullopt, "conference", "2026-03-03", 480, false},
      {"m1a", "m1", "lecture", "2026-04-01", 120, false},
      {"m1b", "m1", "lecture", "2026-04-14", 120, false},
      {"m1c", "m1", "lecture", "2026-04-22", 120, false},
      {"m1d", "m1", "lecture", "2026-04-28", 120, false},
      {"m2a", "m2", "lecture", "2026-05-08", 120, false},
      {"m2b", "m2", "lecture", "2026-05-12", 120, false},
      {"m2c", "m2", "lecture", "2026-05-18", 120, false},
      {"m2d", "m2", "lecture", "2026-05-27", 120, false},
      {"m3a", "m3", "lecture", "2026-09-04", 120, false},
      {"m3b", "m3", "lecture", "2026-09-09", 120, false},
      {"m3c", "m3", "lecture", "2026-09-14", 120, false},
      {"m3d", "m3", "lecture", "2026-09-25", 120, false},
      {"c2", std::nullopt, "conference", "2026-12-01", 480, false},
  };
};

std::vector<Mark> present(std::initializer_list<const char*> ids, const char* status = "present",
                          std::int64_t minutes = 120) {
  std::vector<Mark> marks;
  for (const auto* id : ids) marks.push_back({id, status, minutes});
  return marks;
}

std::vector<Mark> operator+(std::vector<Mark> a, const std::vector<Mark>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const ModuleCompletion& module(const Completion& c, const std::string& code) {
  for (const auto& m : c.modules) {
    if (m.module.code == code) return m;
  }
  throw std::logic_error("no module " + code);
}

TEST(Completion, ReferenceProgrammeCompleteWithModuleOneBothConferencesAndOneElective) {
  const Reference ref;
  const auto marks = present({"c1", "m1a", "m1b", "m1c", "m1d", "m3a", "m3b", "m3c", "m3d", "c2"});
  const auto c = evaluate_completion(kReference, ref.modules, ref.sessions, marks);
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.completed_on, "2026-12-01");  // the final conference was the last requirement
  EXPECT_TRUE(module(c, "M1").complete);
  EXPECT_EQ(module(c, "M1").completed_on, "2026-04-28");  // 80 % of 4 sessions is 4
  EXPECT_TRUE(module(c, "M3").complete);
  EXPECT_FALSE(module(c, "M2").complete);
  EXPECT_EQ(c.electives_complete, 1);
  EXPECT_EQ(c.electives_required, 1);
  EXPECT_TRUE(c.missing.empty());
  ASSERT_EQ(c.conferences.size(), 2u);
  EXPECT_TRUE(c.conferences[0].attended && c.conferences[1].attended);
}

TEST(Completion, SaysWhatIsMissing) {
  const Reference ref;
  const auto marks = present({"c1", "m1a", "m1b", "m1c", "m3a", "m3b"});
  const auto c = evaluate_completion(kReference, ref.modules, ref.sessions, marks);
  EXPECT_FALSE(c.complete);
  EXPECT_FALSE(c.completed_on);
  EXPECT_EQ(module(c, "M1").missing, "1 more session of module M1");
  EXPECT_EQ(module(c, "M3").missing, "2 more sessions of module M3");
  EXPECT_EQ(c.missing,
            (std::vector<std::string>{"1 more session of module M1", "conference 2026-12-01",
                                      "1 more elective module"}));
}

TEST(Completion, LateCountsAbsentAndExcusedDoNotByDefault) {
  const Reference ref;
  const auto marks = present({"m1a", "m1b"}, "late", 90) + present({"m1c"}, "excused", 0) +
                     present({"m1d"}, "absent", 0);
  const auto c = evaluate_completion(kReference, ref.modules, ref.sessions, marks);
  EXPECT_EQ(module(c, "M1").attended, 2);
  EXPECT_EQ(module(c, "M1").required, 4);
}

TEST(Completion, ExcusedCountsWhenTheRuleSaysSo) {
  const Reference ref;
  auto rule = kReference;
  rule.excused_counts = true;
  const auto marks = present({"m1a", "m1b", "m1c"}) + present({"m1d", "c1"}, "excused", 0);
  const auto c = evaluate_completion(rule, ref.modules, ref.sessions, marks);
  EXPECT_TRUE(module(c, "M1").complete);
  EXPECT_TRUE(c.conferences[0].attended);
}

TEST(Completion, ByHoursUsesThePlannedHoursAndAttendedMinutes) {
  const Reference ref;
  auto rule = kReference;
  rule.by_hours = true;  // 80 % of 10 h = 480 minutes for module 1
  const auto c1 =
      evaluate_completion(rule, ref.modules, ref.sessions,
                          present({"m1a", "m1b", "m1c"}) + present({"m1d"}, "late", 110));
  EXPECT_EQ(module(c1, "M1").required, 480);
  EXPECT_EQ(module(c1, "M1").attended, 470);
  EXPECT_EQ(module(c1, "M1").missing, "0.17 more hours of module M1");
  const auto c2 =
      evaluate_completion(rule, ref.modules, ref.sessions,
                          present({"m1a", "m1b", "m1c"}) + present({"m1d"}, "late", 120));
  EXPECT_TRUE(module(c2, "M1").complete);
}

TEST(Completion, ByHoursCreditsACountedExcusalWithTheSessionsLength) {
  const Reference ref;
  auto rule = kReference;
  rule.by_hours = true;
  rule.excused_counts = true;
  const auto c =
      evaluate_completion(rule, ref.modules, ref.sessions,
                          present({"m1a", "m1b", "m1c"}) + present({"m1d"}, "excused", 0));
  EXPECT_EQ(module(c, "M1").attended, 480);
}

TEST(Completion, ByHoursWithoutPlannedHoursUsesTheSessionsLengths) {
  Reference ref;
  ref.modules[0].planned_hours = 0;
  auto rule = kReference;
  rule.by_hours = true;
  const auto c = evaluate_completion(rule, ref.modules, ref.sessions, {});
  EXPECT_EQ(module(c, "M1").required, 384);  // 80 % of 4 x 120 minutes
}

TEST(Completion, SelfStudyIsNeverRequiredAndCountsOnlyWhenAllowed) {
  Reference ref;
  ref.sessions.push_back({"m1s", "m1", "self_study", "2026-04-30", 120, false});
  const auto marks = present({"m1a", "m1b", "m1c", "m1s"});
  const auto without = evaluate_completion(kReference, ref.modules, ref.sessions, marks);
  EXPECT_EQ(module(without, "M1").required, 4);
  EXPECT_FALSE(module(without, "M1").complete);
  auto rule = kReference;
  rule.self_study_counts = true;
  const auto with = evaluate_completion(rule, ref.modules, ref.sessions, marks);
  EXPECT_TRUE(module(with, "M1").complete);
  EXPECT_EQ(module(with, "M1").completed_on, "2026-04-30");
}

TEST(Completion, ApprovedSelfStudyCountsByHoursWhenTheRuleSaysSo) {
  const Reference ref;
  auto rule = kReference;
  rule.by_hours = true;                               // 480 minutes for module 1
  const auto marks = present({"m1a", "m1b", "m1c"});  // 360
  // 120 approved minutes of M1 between its third and fourth session; some of M2, which does not
  // count towards M1.
  const std::vector<StudiedMinutes> studied{
      {"m1", "2026-04-25", 90}, {"m1", "2026-04-24", 30}, {"m2", "2026-04-20", 600}};
  const auto without = evaluate_completion(rule, ref.modules, ref.sessions, marks, studied);
  EXPECT_EQ(module(without, "M1").attended, 360);  // the rule does not count self-study
  EXPECT_FALSE(module(without, "M1").complete);
  rule.self_study_counts = true;
  const auto with = evaluate_completion(rule, ref.modules, ref.sessions, marks, studied);
  EXPECT_EQ(module(with, "M1").attended, 480);
  EXPECT_TRUE(module(with, "M1").complete);
  EXPECT_EQ(module(with, "M1").completed_on, "2026-04-25");  // the entry that reached 480
  EXPECT_EQ(module(with, "M2").attended, 600);
}

TEST(Completion, SelfStudyEntriesAreNotSessionsSoTheyDoNotCountBySessions) {
  const Reference ref;
  auto rule = kReference;
  rule.self_study_counts = true;  // by sessions
  const auto c = evaluate_completion(rule, ref.modules, ref.sessions,
                                     present({"m1a", "m1b", "m1c"}), {{"m1", "2026-04-25", 600}});
  EXPECT_EQ(module(c, "M1").attended, 3);
  EXPECT_FALSE(module(c, "M1").complete);
}

TEST(Completion, CancelledSessionsAreNeitherRequiredNorCredited) {
  Reference ref;
  ref.sessions[4].cancelled = true;      // m1d
  ref.sessions.back().cancelled = true;  // the final conference
  const auto marks = present({"c1", "m1a", "m1b", "m1c", "m1d", "m2a", "m2b", "m2c", "m2d"});
  const auto c = evaluate_completion(kReference, ref.modules, ref.sessions, marks);
  EXPECT_EQ(module(c, "M1").required, 3);  // 80 % of 3
  EXPECT_EQ(module(c, "M1").attended, 3);
  EXPECT_EQ(c.conferences.size(), 1u);
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.completed_on, "2026-05-27");
}

TEST(Completion, ConferencesNotMandatoryAreNotListed) {
  const Reference ref;
  auto rule = kReference;
  rule.conferences_mandatory = false;
  const auto c =
      evaluate_completion(rule, ref.modules, ref.sessions,
                          present({"m1a", "m1b", "m1c", "m1d", "m2a", "m2b", "m2c", "m2d"}));
  EXPECT_TRUE(c.conferences.empty());
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.completed_on, "2026-05-27");
}

TEST(Completion, TheKthElectiveDecidesTheDate) {
  const Reference ref;
  auto rule = kReference;
  rule.min_electives = 2;
  rule.conferences_mandatory = false;
  const auto marks =
      present({"m1a", "m1b", "m1c", "m1d", "m3a", "m3b", "m3c", "m3d", "m2a", "m2b", "m2c", "m2d"});
  const auto c = evaluate_completion(rule, ref.modules, ref.sessions, marks);
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.electives_complete, 2);
  EXPECT_EQ(c.completed_on, "2026-09-25");
}

TEST(Completion, AModuleWithoutSessionsIsNotComplete) {
  const Reference ref;
  const auto c = evaluate_completion(kReference, ref.modules, ref.sessions, {});
  EXPECT_EQ(module(c, "M5").missing, "module M5 has no sessions planned yet");
  EXPECT_FALSE(module(c, "M5").complete);
}

TEST(Completion, NothingRequiredIsNeverComplete) {
  const CompletionRule rule{80, false, false, false, false, 0};
  const auto c = evaluate_completion(rule, {{"m2", "M2", false, 8}}, {}, {});
  EXPECT_FALSE(c.complete);
  EXPECT_EQ(c.missing,
            std::vector<std::string>{"the programme has no requirement to complete yet"});
}

TEST(Completion, NoElectivesAskedNeedsNone) {
  const Reference ref;
  auto rule = kReference;
  rule.min_electives = 0;
  rule.conferences_mandatory = false;
  const auto c =
      evaluate_completion(rule, ref.modules, ref.sessions, present({"m1a", "m1b", "m1c", "m1d"}));
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.completed_on, "2026-04-28");
}

}  // namespace
}  // namespace samverkan::reporting
