// The enrolment lifecycle beyond one approval: stages in the policy's order and who may decide
// each, seats and the waitlist at the final stage, interest, rejection and promotion.
#include <gtest/gtest.h>

#include "../domain/decide.hpp"
#include "fixtures.hpp"

namespace samverkan::enrolment {
namespace {

using namespace test;
using Kind = DomainError::Kind;

const auto kNow = noon(2027, 1, 12);

EnrolmentPolicy two_stages(std::optional<std::int64_t> capacity, bool waitlist) {
  auto p = EnrolmentPolicy::defaults(kCohort, kFed);
  p.approval = {Stage::Organisation, Stage::Federation};
  p.capacity = capacity;
  p.waitlist = waitlist;
  return p;
}

Enrolment at_stage(Stage stage) {
  Enrolment e = pending();
  e.stage = stage;
  return e;
}

Enrolment in(EnrolmentStatus status) {
  Enrolment e = pending();
  e.status = status;
  e.stage.reset();
  return e;
}

void expect_refused(const Result<Transition>& r, Kind kind) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, kind) << r.error().message;
}

// --- stages ------------------------------------------------------------------------------------

TEST(Stages, OrganisationStageMovesToTheFederationStage) {
  const auto p = two_stages(std::nullopt, false);
  const SeatUsage none;
  const auto r = decide_approve(at_stage(Stage::Organisation), coordinator(), {p, none, 1}, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().next.status, EnrolmentStatus::Pending);
  EXPECT_EQ(r.value().next.stage, Stage::Federation);
  EXPECT_EQ(r.value().next.version, 2);
  EXPECT_FALSE(r.value().next.approved_at);
  EXPECT_FALSE(r.value().approved);  // no seat yet, so no approval event
}

TEST(Stages, OnlyTheFederationDecidesItsStage) {
  const auto p = two_stages(std::nullopt, false);
  const SeatUsage none;
  expect_refused(decide_approve(at_stage(Stage::Federation), coordinator(), {p, none, 1}, kNow),
                 Kind::Forbidden);
  const auto r = decide_approve(at_stage(Stage::Federation), admin(), {p, none, 1}, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().next.status, EnrolmentStatus::Approved);
  EXPECT_FALSE(r.value().next.stage);
  EXPECT_EQ(r.value().next.approved_by, "admin-1");
  EXPECT_TRUE(r.value().approved);
}

TEST(Stages, AParticipantApprovesNothing) {
  Actor self{"person-1", kFed, {auth::Role::Participant}, std::nullopt, participant().id};
  const auto p = two_stages(std::nullopt, false);
  const SeatUsage none;
  expect_refused(decide_approve(pending(), self, {p, none, 1}, kNow), Kind::NotFound);
}

// --- seats -------------------------------------------------------------------------------------

TEST(Seats, FullCohortWithAWaitlistQueues) {
  const auto p = two_stages(1, true);
  SeatUsage full;
  full.take(kOtherOrg);
  const auto r = decide_approve(at_stage(Stage::Federation), admin(), {p, full, 4}, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().next.status, EnrolmentStatus::Waitlisted);
  EXPECT_EQ(r.value().next.waitlist_position, 4);
  EXPECT_FALSE(r.value().next.stage);
  EXPECT_FALSE(r.value().next.approved_at);
  EXPECT_FALSE(r.value().approved);
  EXPECT_EQ(r.value().changed.enrolment.waitlist_position, 4);
}

TEST(Seats, FullQuotaWithoutAWaitlistIsAConflict) {
  auto p = two_stages(std::nullopt, false);
  p.organisation_quotas[kOrg] = 0;
  const SeatUsage none;
  expect_refused(decide_approve(at_stage(Stage::Federation), admin(), {p, none, 1}, kNow),
                 Kind::Conflict);
}

// --- interest ----------------------------------------------------------------------------------

const EnrolmentId kNew("5d4c3b2a-1f0e-4d9c-8b7a-695847362599");

TEST(Interest, TheParticipantThemselfOrTheirOrganisation) {
  Actor self{"person-1", kFed, {auth::Role::Participant}, std::nullopt, participant().id};
  for (const auto& actor : {self, coordinator(), admin()}) {
    const auto r = decide_register_interest(participant(), cohort(), actor, kNew, kNow);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().next.status, EnrolmentStatus::Interest);
    EXPECT_FALSE(r.value().next.stage);
    EXPECT_EQ(r.value().next.version, 1);
    EXPECT_EQ(r.value().changed.enrolment.version, 1);
  }
}

TEST(Interest, SomeoneElseOrAnUnknownCohortIsRefused) {
  Actor other{"person-2",
              kFed,
              {auth::Role::Participant},
              std::nullopt,
              ParticipantId("7e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c99")};
  auto r = decide_register_interest(participant(), cohort(), other, kNew, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "participant_id");
  r = decide_register_interest(participant(), cohort(), coordinator(kOtherOrg), kNew, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "participant_id");
  r = decide_register_interest(participant(), std::nullopt, admin(), kNew, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "cohort_id");
}

TEST(Interest, BecomesARequestAtTheFirstStage) {
  auto p = two_stages(std::nullopt, false);
  const auto r =
      decide_request_from_interest(in(EnrolmentStatus::Interest), coordinator(), p, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().next.status, EnrolmentStatus::Pending);
  EXPECT_EQ(r.value().next.stage, Stage::Organisation);
  p.approval = {Stage::Federation};
  EXPECT_EQ(decide_request_from_interest(in(EnrolmentStatus::Interest), admin(), p, kNow)
                .value()
                .next.stage,
            Stage::Federation);
}

TEST(Interest, OnlyFromInterestAndOnlyByTheOrganisation) {
  const auto p = two_stages(std::nullopt, false);
  expect_refused(decide_request_from_interest(pending(), admin(), p, kNow), Kind::Conflict);
  expect_refused(
      decide_request_from_interest(in(EnrolmentStatus::Interest), coordinator(kOtherOrg), p, kNow),
      Kind::NotFound);
}

// --- reject ------------------------------------------------------------------------------------

TEST(Reject, InterestPendingOrWaitlisted) {
  for (const auto& e :
       {in(EnrolmentStatus::Interest), pending(), in(EnrolmentStatus::Waitlisted)}) {
    const auto r = decide_reject(e, coordinator(), kNow);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().next.status, EnrolmentStatus::Rejected);
    EXPECT_FALSE(r.value().next.stage);
    EXPECT_EQ(r.value().next.version, e.version + 1);
  }
}

TEST(Reject, ApprovedOrFinalIsAConflict) {
  for (const auto status :
       {EnrolmentStatus::Approved, EnrolmentStatus::Rejected, EnrolmentStatus::Withdrawn}) {
    expect_refused(decide_reject(in(status), admin(), kNow), Kind::Conflict);
  }
}

TEST(Reject, TheFederationStageIsTheFederations) {
  expect_refused(decide_reject(at_stage(Stage::Federation), coordinator(), kNow), Kind::Forbidden);
  EXPECT_TRUE(decide_reject(at_stage(Stage::Federation), admin(), kNow).ok());
  expect_refused(decide_reject(pending(), coordinator(kOtherOrg), kNow), Kind::NotFound);
}

// --- promotion ---------------------------------------------------------------------------------

TEST(Promote, WaitlistedBecomesApprovedByTheWaitlist) {
  const auto r = decide_promote(in(EnrolmentStatus::Waitlisted), kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().next.status, EnrolmentStatus::Approved);
  EXPECT_EQ(r.value().next.approved_at, kNow);
  EXPECT_EQ(r.value().next.approved_by, std::string(kWaitlistApprover));
  EXPECT_FALSE(r.value().next.waitlist_position);
  EXPECT_TRUE(r.value().approved);
}

TEST(Promote, OnlyWaitlisted) { expect_refused(decide_promote(pending(), kNow), Kind::Conflict); }

// --- withdrawal by the participant ------------------------------------------------------------

TEST(Withdraw, TheParticipantThemselfButNobodyElse) {
  Actor self{"person-1", kFed, {auth::Role::Participant}, std::nullopt, participant().id};
  Actor other{"person-2",
              kFed,
              {auth::Role::Participant},
              std::nullopt,
              ParticipantId("7e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c99")};
  const Withdrawal w{day(2027, 3, 20), "moved"};
  EXPECT_TRUE(decide_withdraw(approved(), cohort(), w, self, noon(2027, 3, 10)).ok());
  expect_refused(decide_withdraw(approved(), cohort(), w, other, noon(2027, 3, 10)),
                 Kind::NotFound);
}

TEST(Withdraw, FromInterestOrTheWaitlist) {
  const Withdrawal w{day(2027, 3, 20), "no longer interested"};
  for (const auto status : {EnrolmentStatus::Interest, EnrolmentStatus::Waitlisted}) {
    const auto r = decide_withdraw(in(status), cohort(), w, admin(), noon(2027, 3, 10));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.value().next.status, EnrolmentStatus::Withdrawn);
  }
}

// --- start ------------------------------------------------------------------------------------

TEST(Start, TheFirstAttendedDayOfSomeoneWithASeat) {
  const auto t = decide_start(approved(), day(2027, 3, 3), false, kNow);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->next.started_on, day(2027, 3, 3));
  EXPECT_EQ(t->next.version, approved().version + 1);
  EXPECT_EQ(t->changed.enrolment.started_on, day(2027, 3, 3));
  // Withdrawn after approval: their start still moves (a late correction of an early mark).
  Enrolment left = approved();
  left.status = EnrolmentStatus::Withdrawn;
  EXPECT_TRUE(decide_start(left, day(2027, 3, 3), false, kNow));
}

TEST(Start, ACorrectionCanTakeTheStartAway) {
  Enrolment started = approved();
  started.started_on = day(2027, 3, 3);
  const auto t = decide_start(started, std::nullopt, false, kNow);
  ASSERT_TRUE(t);
  EXPECT_FALSE(t->next.started_on);
}

TEST(Start, NothingWhenUnchangedWithoutASeatOrCountedFromApproval) {
  Enrolment started = approved();
  started.started_on = day(2027, 3, 3);
  EXPECT_FALSE(decide_start(started, day(2027, 3, 3), false, kNow));
  EXPECT_FALSE(decide_start(pending(), day(2027, 3, 3), false, kNow));
  EXPECT_FALSE(decide_start(in(EnrolmentStatus::Waitlisted), day(2027, 3, 3), false, kNow));
  Enrolment never_seated = pending();
  never_seated.status = EnrolmentStatus::Withdrawn;
  EXPECT_FALSE(decide_start(never_seated, day(2027, 3, 3), false, kNow));
  EXPECT_FALSE(decide_start(approved(), day(2027, 3, 3), true, kNow));
}

TEST(Start, TheApprovalsDayWhereTheProgrammeSaysSo) {
  auto p = two_stages(std::nullopt, false);
  const SeatUsage none;
  const auto r = decide_approve(at_stage(Stage::Federation), admin(), {p, none, 1, true}, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().next.started_on, day(2027, 1, 12));
  const auto promoted = decide_promote(in(EnrolmentStatus::Waitlisted), kNow, true);
  EXPECT_EQ(promoted.value().next.started_on, day(2027, 1, 12));
  EXPECT_FALSE(decide_promote(in(EnrolmentStatus::Waitlisted), kNow).value().next.started_on);
}

}  // namespace
}  // namespace samverkan::enrolment
