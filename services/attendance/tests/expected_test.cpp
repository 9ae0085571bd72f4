// Who may mark a session, and who is expected at it: every branch of may_record and
// check_expected, and their place in decide.
#include "../domain/expected.hpp"

#include <gtest/gtest.h>

namespace samverkan::attendance {
namespace {

using namespace std::chrono_literals;

Session session(std::vector<std::string> trainers = {"trainer-1", "trainer-2"}) {
  return Session{ids::SessionId("s-1"),    ids::FederationId("ostergotland"),
                 ids::CohortId("c-1"),     ids::ModuleId("m-1"),
                 SessionStatus::Scheduled, "2026-03-02T08:00:00Z",
                 "2026-03-02T10:00:00Z",   "Europe/Stockholm",
                 std::move(trainers),      1};
}

Context expected_context() {
  return Context{session(), 120, 2026y / 3 / 2,
                 Enrolment{ids::EnrolmentId("e-1"), ids::FederationId("ostergotland"),
                           ids::ParticipantId("p-1"), ids::OrganisationId("o-1"),
                           ids::CohortId("c-1"), EnrolmentStatus::Approved,
                           "2026-02-01T09:00:00.000Z", std::nullopt, std::nullopt, 2}};
}

Refusal refusal(const Context& context) {
  const auto refused = check_expected(context);
  if (!refused) throw std::runtime_error("expected a refusal");
  return refused->reason;
}

TEST(MayRecord, AnAssignedTrainerMarksItsSession) {
  EXPECT_TRUE(may_record({ids::FederationId("ostergotland"), "trainer-2", true}, session()));
}

TEST(MayRecord, AnotherTrainerMayNot) {
  EXPECT_FALSE(may_record({ids::FederationId("ostergotland"), "trainer-3", true}, session()));
}

TEST(MayRecord, ASessionWithoutTrainersIsMarkedByAdministratorsOnly) {
  EXPECT_FALSE(may_record({ids::FederationId("ostergotland"), "trainer-1", true}, session({})));
  EXPECT_TRUE(may_record({ids::FederationId("ostergotland"), "admin", false}, session({})));
}

TEST(MayRecord, AnAdministratorMarksEverySession) {
  EXPECT_TRUE(may_record({ids::FederationId("ostergotland"), "admin", false}, session()));
}

TEST(MayRecord, TheRefusalIsNamedForA403) {
  const auto refused = not_session_trainer();
  EXPECT_EQ(refused.reason, Refusal::NotSessionTrainer);
  EXPECT_EQ(to_string(refused.reason), "not_session_trainer");
  EXPECT_EQ(refused.errors.at(0).field, "session_id");
}

TEST(CheckExpected, AnApprovedParticipantWithoutAChoiceIsExpectedEverywhere) {
  EXPECT_FALSE(check_expected(expected_context()));
}

TEST(CheckExpected, ACancelledSessionExpectsNoOne) {
  auto context = expected_context();
  context.session.status = SessionStatus::Cancelled;
  EXPECT_EQ(refusal(context), Refusal::SessionCancelled);
}

TEST(CheckExpected, NoEnrolmentOrOneWithoutAPlaceIsNotExpected) {
  auto context = expected_context();
  context.enrolment.reset();
  EXPECT_EQ(refusal(context), Refusal::NotEnrolled);
  context = expected_context();
  context.enrolment->status = EnrolmentStatus::Pending;
  EXPECT_EQ(refusal(context), Refusal::NotEnrolled);
}

TEST(CheckExpected, AfterTheLeavingDateIsNotExpected) {
  auto context = expected_context();
  context.enrolment->status = EnrolmentStatus::Withdrawn;
  context.enrolment->left_on = 2026y / 3 / 1;
  EXPECT_EQ(refusal(context), Refusal::AfterLeaving);
  context.enrolment->left_on = 2026y / 3 / 2;
  EXPECT_FALSE(check_expected(context));
}

TEST(CheckExpected, AModuleTheParticipantChoseIsExpected) {
  auto context = expected_context();
  context.enrolment->module_ids =
      std::vector<ids::ModuleId>{ids::ModuleId("m-0"), ids::ModuleId("m-1")};
  EXPECT_FALSE(check_expected(context));
}

TEST(CheckExpected, AModuleTheParticipantDidNotChooseIsNot) {
  auto context = expected_context();
  context.enrolment->module_ids = std::vector<ids::ModuleId>{ids::ModuleId("m-2")};
  const auto refused = check_expected(context);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->reason, Refusal::ModuleNotChosen);
  EXPECT_EQ(to_string(refused->reason), "module_not_chosen");
  EXPECT_EQ(refused->errors.at(0).field, "participant_id");
  context.enrolment->module_ids = std::vector<ids::ModuleId>{};  // chose none at all
  EXPECT_EQ(refusal(context), Refusal::ModuleNotChosen);
}

TEST(CheckExpected, AConferenceIsForEveryoneApprovedWhateverTheirChoice) {
  auto context = expected_context();
  context.session.module.reset();
  context.enrolment->module_ids = std::vector<ids::ModuleId>{ids::ModuleId("m-2")};
  EXPECT_FALSE(check_expected(context));
}

TEST(CheckExpected, CancellationIsCheckedBeforeTheEnrolmentAndTheEnrolmentBeforeTheModule) {
  auto context = expected_context();
  context.enrolment->module_ids = std::vector<ids::ModuleId>{};
  context.enrolment->status = EnrolmentStatus::Rejected;
  EXPECT_EQ(refusal(context), Refusal::NotEnrolled);
  context.session.status = SessionStatus::Cancelled;
  EXPECT_EQ(refusal(context), Refusal::SessionCancelled);
}

TEST(Decide, ATrainerIsRefusedAnotherTrainersSessionBeforeAnyOtherRule) {
  auto context = expected_context();
  context.session.status = SessionStatus::Cancelled;
  const MarkCommand command{ids::SessionId("s-1"), ids::ParticipantId("p-1"),
                            Mark{Status::Present, std::nullopt}, ids::RecordId("r-1"),
                            "2026-03-02T10:00:00.000Z"};
  const Actor stranger{ids::FederationId("ostergotland"), "trainer-9", true};
  const auto decision = decide(std::nullopt, command, stranger, context);
  EXPECT_EQ(std::get<Refused>(decision).reason, Refusal::NotSessionTrainer);
  const Actor own{ids::FederationId("ostergotland"), "trainer-1", true};
  EXPECT_EQ(std::get<Refused>(decide(std::nullopt, command, own, context)).reason,
            Refusal::SessionCancelled);
}

TEST(Decide, AModuleNotChosenIsRefused) {
  auto context = expected_context();
  context.enrolment->module_ids = std::vector<ids::ModuleId>{ids::ModuleId("m-2")};
  const MarkCommand command{ids::SessionId("s-1"), ids::ParticipantId("p-1"),
                            Mark{Status::Present, std::nullopt}, ids::RecordId("r-1"),
                            "2026-03-02T10:00:00.000Z"};
  const Actor own{ids::FederationId("ostergotland"), "trainer-1", true};
  EXPECT_EQ(std::get<Refused>(decide(std::nullopt, command, own, context)).reason,
            Refusal::ModuleNotChosen);
}

}  // namespace
}  // namespace samverkan::attendance
