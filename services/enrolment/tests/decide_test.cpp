// Every branch of every decision in domain/decide.cpp.
#include "../domain/decide.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace samverkan::enrolment {
namespace {

using namespace test;
using Kind = DomainError::Kind;

template <class T>
void expect_refused(const Result<T>& result, Kind kind, const std::string& field = {}) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, kind);
  EXPECT_EQ(result.error().field, field);
  EXPECT_FALSE(result.error().message.empty());
}

// --- who acts for whom ----------------------------------------------------------------------

TEST(Actor, CoordinatorsActOnlyForTheirOwnOrganisation) {
  EXPECT_TRUE(admin().may_act_for(kOtherOrg));
  EXPECT_TRUE(coordinator().may_act_for(kOrg));
  EXPECT_FALSE(coordinator().may_act_for(kOtherOrg));
  EXPECT_FALSE(trainer().may_act_for(kOrg));
  // A coordinator token without an organisation acts for none.
  EXPECT_FALSE(Actor({"c", kFed, {auth::Role::OrgCoordinator}, std::nullopt}).may_act_for(kOrg));
}

TEST(Actor, IsTakenFromThePrincipal) {
  const auth::Principal who{"sub", "ostergotland", {auth::Role::OrgCoordinator}, kOrg.str()};
  const auto actor = Actor::from(who);
  EXPECT_EQ(actor.subject, "sub");
  EXPECT_EQ(actor.federation, kFed);
  EXPECT_EQ(actor.organisation, kOrg);
  EXPECT_TRUE(actor.has(auth::Role::OrgCoordinator));
}

// --- register organisation -------------------------------------------------------------------

TEST(RegisterOrganisation, OnlyAdministrators) {
  const NewOrganisation o{"Linköpings kommun", "212000-0449", "municipality"};
  expect_refused(decide_register_organisation(o, coordinator(), kOrg), Kind::Forbidden);
  expect_refused(decide_register_organisation(o, trainer(), kOrg), Kind::Forbidden);
}

TEST(RegisterOrganisation, CreatesVersionOneInTheActorsFederation) {
  const NewOrganisation o{"Linköpings kommun", "212000-0449", "municipality"};
  const auto result = decide_register_organisation(o, admin(), kOrg);
  ASSERT_TRUE(result.ok());
  const auto& d = result.value();
  EXPECT_EQ(d.next.id, kOrg);
  EXPECT_EQ(d.next.federation, kFed);
  EXPECT_EQ(d.next.org_number, "212000-0449");
  EXPECT_EQ(d.next.version, 1);
  EXPECT_EQ(d.registered.organisation.id, kOrg);
}

// --- register participant --------------------------------------------------------------------

NewParticipant new_participant(const OrganisationId& of) {
  return {of, "Astrid Lindqvist", "astrid@example.se", "woman", 1980, ""};
}

TEST(RegisterParticipant, CoordinatorOfAnotherOrganisationIsForbidden) {
  const ParticipantId id("7e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c09");
  expect_refused(decide_register_participant(new_participant(kOtherOrg), coordinator(), true, id),
                 Kind::Forbidden);
  expect_refused(decide_register_participant(new_participant(kOrg), trainer(), true, id),
                 Kind::Forbidden);
}

TEST(RegisterParticipant, UnknownOrganisationNamesTheField) {
  const ParticipantId id("7e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c09");
  expect_refused(decide_register_participant(new_participant(kOrg), admin(), false, id),
                 Kind::Invalid, "organisation_id");
}

TEST(RegisterParticipant, CreatesVersionOne) {
  const ParticipantId id("7e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c09");
  for (const auto& actor : {admin(), coordinator()}) {
    const auto result = decide_register_participant(new_participant(kOrg), actor, true, id);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value().next.id, id);
    EXPECT_EQ(result.value().next.organisation, kOrg);
    EXPECT_EQ(result.value().next.federation, kFed);
    EXPECT_EQ(result.value().next.version, 1);
    EXPECT_EQ(result.value().registered.participant.email, "astrid@example.se");
  }
}

// --- request enrolment -----------------------------------------------------------------------

const EnrolmentId kNew("5d4c3b2a-1f0e-4d9c-8b7a-695847362599");
EnrolmentPolicy defaults() { return EnrolmentPolicy::defaults(kCohort, kFed); }
// One organisation stage, no limits: a single approval takes a seat.
SeatContext open_seats() {
  static const EnrolmentPolicy policy = defaults();
  static const SeatUsage none;
  return {policy, none, 1};
}

TEST(RequestEnrolment, MissingOrHiddenParticipantLooksTheSame) {
  const auto now = noon(2027, 1, 10);
  expect_refused(decide_request_enrolment(std::nullopt, cohort(), defaults(), admin(), kNew, now),
                 Kind::Invalid, "participant_id");
  // Another organisation's participant, for a coordinator: the same answer as a missing one.
  expect_refused(decide_request_enrolment(participant(kOtherOrg), cohort(), defaults(),
                                          coordinator(), kNew, now),
                 Kind::Invalid, "participant_id");
  // Another federation's participant (a repository bug): still refused.
  expect_refused(
      decide_request_enrolment(participant(), cohort(), defaults(), stranger(), kNew, now),
      Kind::Invalid, "participant_id");
}

TEST(RequestEnrolment, UnknownCohortNamesTheField) {
  const auto now = noon(2027, 1, 10);
  expect_refused(
      decide_request_enrolment(participant(), std::nullopt, defaults(), admin(), kNew, now),
      Kind::Invalid, "cohort_id");
  Cohort foreign = cohort();
  foreign.federation = FederationId("skane");
  expect_refused(decide_request_enrolment(participant(), foreign, defaults(), admin(), kNew, now),
                 Kind::Invalid, "cohort_id");
}

TEST(RequestEnrolment, StartsPendingAtTheOrganisationStageVersionOne) {
  const auto now = noon(2027, 1, 10);
  const auto result =
      decide_request_enrolment(participant(), cohort(), defaults(), coordinator(), kNew, now);
  ASSERT_TRUE(result.ok());
  const auto& e = result.value().next;
  EXPECT_EQ(e.id, kNew);
  EXPECT_EQ(e.organisation, kOrg);  // the participant's organisation
  EXPECT_EQ(e.cohort, kCohort);
  EXPECT_EQ(e.status, EnrolmentStatus::Pending);
  EXPECT_EQ(e.stage, Stage::Organisation);
  EXPECT_EQ(e.requested_at, now);
  EXPECT_EQ(e.changed_at, now);
  EXPECT_FALSE(e.approved_at);
  EXPECT_EQ(e.version, 1);
  EXPECT_EQ(result.value().requested.enrolment.version, 1);
}

// --- approve ---------------------------------------------------------------------------------

TEST(Approve, HiddenEnrolmentIsNotFound) {
  const auto now = noon(2027, 1, 12);
  expect_refused(decide_approve(pending(), coordinator(kOtherOrg), open_seats(), now),
                 Kind::NotFound);
  expect_refused(decide_approve(pending(), trainer(), open_seats(), now), Kind::NotFound);
  expect_refused(decide_approve(pending(), stranger(), open_seats(), now), Kind::NotFound);
}

TEST(Approve, AlreadyApprovedIsAConflict) {
  expect_refused(decide_approve(approved(), admin(), open_seats(), noon(2027, 1, 13)),
                 Kind::Conflict);
}

TEST(Approve, OnlyPendingCanBeApproved) {
  for (const auto status : {EnrolmentStatus::Interest, EnrolmentStatus::Waitlisted,
                            EnrolmentStatus::Rejected, EnrolmentStatus::Withdrawn}) {
    Enrolment e = pending();
    e.status = status;
    e.stage.reset();
    expect_refused(decide_approve(e, admin(), open_seats(), noon(2027, 1, 13)), Kind::Conflict);
  }
}

TEST(Approve, PendingBecomesApprovedOneVersionLater) {
  const auto now = noon(2027, 1, 12);
  const auto result = decide_approve(pending(), coordinator(), open_seats(), now);
  ASSERT_TRUE(result.ok());
  const auto& t = result.value();
  EXPECT_EQ(t.next.status, EnrolmentStatus::Approved);
  EXPECT_FALSE(t.next.stage);
  EXPECT_EQ(t.next.approved_at, now);
  EXPECT_EQ(t.next.approved_by, "coord-1");
  EXPECT_EQ(t.next.changed_at, now);
  EXPECT_EQ(t.next.requested_at, pending().requested_at);
  EXPECT_EQ(t.next.version, 2);
  EXPECT_EQ(t.changed.enrolment.version, 2);
  // The transitional approved event carries the same state and version.
  ASSERT_TRUE(t.approved);
  EXPECT_EQ(t.approved->enrolment.version, 2);
}

// --- withdraw --------------------------------------------------------------------------------

Withdrawal leaving(Date on) { return {on, "moved to another post"}; }

TEST(Withdraw, HiddenEnrolmentIsNotFound) {
  const auto now = noon(2027, 3, 10);
  const auto w = leaving(day(2027, 3, 20));
  expect_refused(decide_withdraw(pending(), cohort(), w, coordinator(kOtherOrg), now),
                 Kind::NotFound);
  expect_refused(decide_withdraw(pending(), cohort(), w, trainer(), now), Kind::NotFound);
  expect_refused(decide_withdraw(pending(), cohort(), w, stranger(), now), Kind::NotFound);
}

TEST(Withdraw, NotOnceRejectedOrWithdrawn) {
  for (const auto status : {EnrolmentStatus::Rejected, EnrolmentStatus::Withdrawn}) {
    Enrolment e = approved();
    e.status = status;
    expect_refused(
        decide_withdraw(e, cohort(), leaving(day(2027, 3, 20)), admin(), noon(2027, 3, 10)),
        Kind::Conflict);
  }
}

TEST(Withdraw, LeavingDateMustLieWithinTheCohort) {
  const auto now = noon(2027, 1, 20);
  expect_refused(decide_withdraw(approved(), cohort(), leaving(day(2027, 2, 28)), admin(), now),
                 Kind::Invalid, "left_on");
  expect_refused(decide_withdraw(approved(), cohort(), leaving(day(2027, 7, 1)), admin(), now),
                 Kind::Invalid, "left_on");
}

TEST(Withdraw, LeavingDateIsNeverBackdated) {
  const auto now = noon(2027, 4, 15);
  expect_refused(decide_withdraw(approved(), cohort(), leaving(day(2027, 4, 14)), admin(), now),
                 Kind::Invalid, "left_on");
}

TEST(Withdraw, ApprovedBecomesWithdrawnOneVersionLater) {
  const auto now = noon(2027, 4, 15);
  const auto result =
      decide_withdraw(approved(), cohort(), leaving(day(2027, 4, 15)), coordinator(), now);
  ASSERT_TRUE(result.ok());
  const auto& t = result.value();
  EXPECT_EQ(t.next.status, EnrolmentStatus::Withdrawn);
  EXPECT_EQ(t.next.left_on, day(2027, 4, 15));            // today is allowed
  EXPECT_EQ(t.next.approved_at, approved().approved_at);  // history is kept
  EXPECT_FALSE(t.next.stage);
  EXPECT_EQ(t.next.changed_at, now);
  EXPECT_EQ(t.next.version, 3);
  EXPECT_EQ(t.changed.enrolment.version, 3);
  EXPECT_FALSE(t.approved);  // only approvals emit the transitional event
}

TEST(Withdraw, PendingCanBeWithdrawnAheadOfTime) {
  const auto now = noon(2027, 1, 20);
  // The cohort's first and last days are both allowed.
  for (const auto on : {day(2027, 3, 1), day(2027, 6, 30)}) {
    const auto result = decide_withdraw(pending(), cohort(), leaving(on), admin(), now);
    ASSERT_TRUE(result.ok());
    EXPECT_EQ(result.value().next.status, EnrolmentStatus::Withdrawn);
    EXPECT_FALSE(result.value().next.stage);  // no longer waiting at any stage
    EXPECT_EQ(result.value().next.left_on, on);
    EXPECT_EQ(result.value().next.version, 2);
  }
}

TEST(Withdraw, NotOnceEndedWithItsCohort) {
  Enrolment e = approved();
  e.left_on = day(2027, 6, 30);
  expect_refused(decide_withdraw(e, cohort(), leaving(day(2027, 6, 30)), admin(), noon(2027, 6, 1)),
                 Kind::Conflict);
}

// --- the cohort's end ------------------------------------------------------------------------

TEST(CohortEnd, AnApprovedEnrolmentLeavesOnTheLastDayAndStaysApproved) {
  const auto now = noon(2027, 7, 1);
  const auto t = decide_cohort_end(approved(), cohort(), now);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->next.status, EnrolmentStatus::Approved);
  EXPECT_EQ(t->next.left_on, day(2027, 6, 30));
  EXPECT_EQ(t->next.version, 3);
  EXPECT_EQ(t->next.changed_at, now);
  EXPECT_EQ(t->changed.enrolment.left_on, day(2027, 6, 30));
  EXPECT_FALSE(t->approved);
}

TEST(CohortEnd, NothingOnOrBeforeTheLastDay) {
  EXPECT_FALSE(decide_cohort_end(approved(), cohort(), noon(2027, 6, 30)));
  EXPECT_FALSE(decide_cohort_end(approved(), cohort(), noon(2027, 4, 1)));
}

TEST(CohortEnd, NothingForAnEnrolmentThatIsNotApprovedOrHasLeftAlready) {
  const auto now = noon(2027, 7, 1);
  EXPECT_FALSE(decide_cohort_end(pending(), cohort(), now));
  Enrolment withdrawn = approved();
  withdrawn.status = EnrolmentStatus::Withdrawn;
  withdrawn.left_on = day(2027, 5, 1);
  EXPECT_FALSE(decide_cohort_end(withdrawn, cohort(), now));
  Enrolment ended = approved();
  ended.left_on = day(2027, 6, 30);
  EXPECT_FALSE(decide_cohort_end(ended, cohort(), now));  // a second run changes nothing
}

TEST(CohortEnd, NothingForAnotherCohort) {
  Cohort other = cohort();
  other.id = CohortId("7e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c77");
  EXPECT_FALSE(decide_cohort_end(approved(), other, noon(2027, 7, 1)));
}

}  // namespace
}  // namespace samverkan::enrolment
