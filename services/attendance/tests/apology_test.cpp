// Every branch of decide_apology and of the auto-marking rule.
#include "../domain/apology.hpp"

#include <gtest/gtest.h>

#include "../domain/auto_mark.hpp"

namespace samverkan::attendance {
namespace {

using namespace std::chrono_literals;
constexpr std::int64_t kStart = 1772438400;  // 2026-03-02T08:00:00Z

struct Given {
  Context context{Session{ids::SessionId("s-1"),
                          ids::FederationId("ostergotland"),
                          ids::CohortId("c-1"),
                          ids::ModuleId("m-1"),
                          SessionStatus::Scheduled,
                          "2026-03-02T08:00:00Z",
                          "2026-03-02T10:00:00Z",
                          "Europe/Stockholm",
                          {"trainer-1"},
                          1},
                  120, 2026y / 3 / 2,
                  Enrolment{ids::EnrolmentId("e-1"), ids::FederationId("ostergotland"),
                            ids::ParticipantId("p-1"), ids::OrganisationId("o-1"),
                            ids::CohortId("c-1"), EnrolmentStatus::Approved,
                            "2026-02-01T09:00:00.000Z", std::nullopt, std::nullopt, 2},
                  kStart};
  ApologyCommand command{ids::SessionId("s-1"),
                         ids::ParticipantId("p-1"),
                         "dentist",
                         "a-new",
                         "2026-03-01T12:00:00.000Z",
                         kStart - 3600};
  Apologist who{Apologist::Kind::Administrator, ids::FederationId("ostergotland"), "admin-1",
                std::nullopt, std::nullopt};
  std::optional<Apology> current;

  ApologyDecision decide() const { return decide_apology(current, command, who, context); }
};

ApologyRefusal refusal(const ApologyDecision& d) { return std::get<ApologyRefused>(d).reason; }

TEST(DecideApology, BeforeTheStartItIsRegistered) {
  Given g;
  const auto decision = g.decide();
  const auto& apology = std::get<ApologyRegistered>(decision).apology;
  EXPECT_EQ(apology.id, "a-new");
  EXPECT_EQ(apology.participant, ids::ParticipantId("p-1"));
  EXPECT_EQ(apology.reason, "dentist");
  EXPECT_EQ(apology.registered_by, "admin-1");
  EXPECT_EQ(apology.registered_at, "2026-03-01T12:00:00.000Z");
}

TEST(DecideApology, AtOrAfterTheStartItIsTooLate) {
  Given g;
  g.command.now_epoch = kStart;
  EXPECT_EQ(refusal(g.decide()), ApologyRefusal::SessionStarted);
  g.command.now_epoch = kStart - 1;
  EXPECT_TRUE(std::holds_alternative<ApologyRegistered>(g.decide()));
}

TEST(DecideApology, AnExistingApologyIsAnsweredUnchangedEvenAfterTheStart) {
  Given g;
  g.current = Apology{"a-old", g.who.federation, g.command.session,         g.command.participant,
                      "ill",   "coordinator-1",  "2026-02-28T12:00:00.000Z"};
  g.command.now_epoch = kStart + 60;
  const auto decision = g.decide();
  EXPECT_EQ(std::get<ApologyUnchanged>(decision).apology.id, "a-old");
}

TEST(DecideApology, ACoordinatorActsForItsOwnOrganisationOnly) {
  Given g;
  g.who.kind = Apologist::Kind::Coordinator;
  g.who.organisation = ids::OrganisationId("o-1");
  EXPECT_TRUE(std::holds_alternative<ApologyRegistered>(g.decide()));
  g.who.organisation = ids::OrganisationId("o-2");
  EXPECT_EQ(refusal(g.decide()), ApologyRefusal::ParticipantNotFound);
  g.context.enrolment.reset();  // no enrolment at all: just as invisible
  EXPECT_EQ(refusal(g.decide()), ApologyRefusal::ParticipantNotFound);
}

TEST(DecideApology, AParticipantApologisesOnlyForThemselves) {
  Given g;
  g.who.kind = Apologist::Kind::Participant;
  EXPECT_EQ(refusal(g.decide()), ApologyRefusal::NotYourself);  // a token linked to no one
  g.who.linked = ids::ParticipantId("p-2");
  EXPECT_EQ(refusal(g.decide()), ApologyRefusal::NotYourself);
  g.who.linked = ids::ParticipantId("p-1");
  EXPECT_TRUE(std::holds_alternative<ApologyRegistered>(g.decide()));
}

TEST(DecideApology, SomeoneNotExpectedCannotApologise) {
  Given g;
  g.context.enrolment->module_ids = std::vector<ids::ModuleId>{};
  const auto decision = g.decide();
  EXPECT_EQ(refusal(decision), ApologyRefusal::NotExpected);
  EXPECT_NE(std::get<ApologyRefused>(decision).detail.find("module_not_chosen"), std::string::npos);
  g.context.session.status = SessionStatus::Cancelled;
  EXPECT_NE(std::get<ApologyRefused>(g.decide()).detail.find("session_cancelled"),
            std::string::npos);
}

}  // namespace
}  // namespace samverkan::attendance

namespace samverkan::attendance {
namespace {

TEST(AutoMark, AnApologyBecomesExcusedAndNoMarkAbsentBothFromAuto) {
  const auto excused = auto_mark(true);
  EXPECT_EQ(excused.status, Status::Excused);
  EXPECT_EQ(excused.source, Source::Auto);
  EXPECT_EQ(excused.minutes, 0);
  EXPECT_TRUE(excused.reason);
  const auto absent = auto_mark(false);
  EXPECT_EQ(absent.status, Status::Absent);
  EXPECT_EQ(absent.source, Source::Auto);
  EXPECT_EQ(absent.minutes, 0);
  EXPECT_NE(absent.reason, excused.reason);
  EXPECT_FALSE(absent.import);
}

}  // namespace
}  // namespace samverkan::attendance
