// Every branch of logging and reviewing self-study, and its event.
#include "../domain/self_study.hpp"

#include <gtest/gtest.h>

#include "../domain/self_study_changed.hpp"

namespace samverkan::attendance {
namespace {

using namespace std::chrono_literals;

struct Given {
  LogSelfStudy command{ids::ParticipantId("p-1"),
                       ids::CohortId("c-1"),
                       ids::ModuleId("m-1"),
                       "2026-03-05",
                       90,
                       "read chapter 3",
                       "e-new",
                       "2026-03-06T10:00:00.000Z"};
  Reviewer who{Reviewer::Kind::Participant, ids::FederationId("ostergotland"), "person-1",
               std::nullopt, ids::ParticipantId("p-1")};
  SelfStudyContext context{true,
                           Enrolment{ids::EnrolmentId("e-1"), ids::FederationId("ostergotland"),
                                     ids::ParticipantId("p-1"), ids::OrganisationId("o-1"),
                                     ids::CohortId("c-1"), EnrolmentStatus::Approved,
                                     "2026-02-01T09:00:00.000Z", std::nullopt, std::nullopt, 2},
                           true, "2026-03-06"};
  SelfStudyDecision log() const { return decide_log(command, who, context); }
};

SelfStudyRefusal refusal(const SelfStudyDecision& d) {
  return std::get<SelfStudyRefused>(d).reason;
}

TEST(LogSelfStudy, IsLoggedPendingForTheEnrolmentsOrganisation) {
  const auto decision = Given{}.log();
  const auto& entry = std::get<SelfStudyChanged>(decision).entry;
  EXPECT_EQ(entry.id, "e-new");
  EXPECT_EQ(entry.status, SelfStudyStatus::Pending);
  EXPECT_EQ(entry.organisation, ids::OrganisationId("o-1"));
  EXPECT_EQ(entry.minutes, 90);
  EXPECT_EQ(entry.logged_by, "person-1");
  EXPECT_EQ(entry.version, 1);
}

TEST(LogSelfStudy, AParticipantLogsOnlyTheirOwn) {
  Given g;
  g.who.linked = ids::ParticipantId("p-2");
  EXPECT_EQ(refusal(g.log()), SelfStudyRefusal::NotYourself);
  g.who.linked.reset();
  EXPECT_EQ(refusal(g.log()), SelfStudyRefusal::NotYourself);
}

TEST(LogSelfStudy, ACoordinatorLogsForItsOrganisationOnly) {
  Given g;
  g.who = {Reviewer::Kind::Coordinator, g.who.federation, "coord", ids::OrganisationId("o-1"),
           std::nullopt};
  EXPECT_TRUE(std::holds_alternative<SelfStudyChanged>(g.log()));
  g.who.organisation = ids::OrganisationId("o-2");
  EXPECT_EQ(refusal(g.log()), SelfStudyRefusal::NotFound);
}

TEST(LogSelfStudy, TheCohortMustAllowIt) {
  Given g;
  g.context.allowed = false;
  const auto decision = g.log();
  EXPECT_EQ(refusal(decision), SelfStudyRefusal::NotAllowed);
  EXPECT_NE(std::get<SelfStudyRefused>(decision).detail.find("self_study_not_allowed"),
            std::string::npos);
}

TEST(LogSelfStudy, TheParticipantNeedsAPlace) {
  Given g;
  g.context.enrolment->status = EnrolmentStatus::Waitlisted;
  EXPECT_EQ(refusal(g.log()), SelfStudyRefusal::NotEnrolled);
  g.context.enrolment.reset();
  EXPECT_EQ(refusal(g.log()), SelfStudyRefusal::NotEnrolled);
}

TEST(LogSelfStudy, TheModuleMustBeTheCohortsAndChosen) {
  Given g;
  g.context.module_of_cohort = false;
  EXPECT_EQ(refusal(g.log()), SelfStudyRefusal::UnknownModule);
  g.context.module_of_cohort = true;
  g.context.enrolment->module_ids = std::vector<ids::ModuleId>{ids::ModuleId("m-2")};
  EXPECT_EQ(refusal(g.log()), SelfStudyRefusal::ModuleNotChosen);
  g.context.enrolment->module_ids->push_back(ids::ModuleId("m-1"));
  EXPECT_TRUE(std::holds_alternative<SelfStudyChanged>(g.log()));
}

TEST(LogSelfStudy, NotInTheFutureNorAfterLeaving) {
  Given g;
  g.command.studied_on = "2026-03-07";
  EXPECT_EQ(refusal(g.log()), SelfStudyRefusal::NotInPeriod);
  g.command.studied_on = "2026-03-06";  // today
  EXPECT_TRUE(std::holds_alternative<SelfStudyChanged>(g.log()));
  g.context.enrolment->status = EnrolmentStatus::Withdrawn;
  g.context.enrolment->left_on = 2026y / 3 / 5;
  EXPECT_EQ(refusal(g.log()), SelfStudyRefusal::NotInPeriod);
  g.command.studied_on = "2026-03-05";
  EXPECT_TRUE(std::holds_alternative<SelfStudyChanged>(g.log()));
}

SelfStudyEntry pending() { return std::get<SelfStudyChanged>(Given{}.log()).entry; }

const Reviewer kCoordinator{Reviewer::Kind::Coordinator, ids::FederationId("ostergotland"),
                            "coord-1", ids::OrganisationId("o-1"), std::nullopt};

TEST(ReviewSelfStudy, ApprovalIsTheNextVersion) {
  const auto decision =
      decide_review(pending(), {SelfStudyStatus::Approved, std::nullopt, "t1"}, kCoordinator);
  const auto& entry = std::get<SelfStudyChanged>(decision).entry;
  EXPECT_EQ(entry.status, SelfStudyStatus::Approved);
  EXPECT_EQ(entry.version, 2);
  EXPECT_EQ(entry.decided_by, "coord-1");
  EXPECT_EQ(entry.decided_at, "t1");
  EXPECT_FALSE(entry.decision_reason);
}

TEST(ReviewSelfStudy, RejectionKeepsItsReason) {
  const auto decision =
      decide_review(pending(), {SelfStudyStatus::Rejected, "not course work", "t"}, kCoordinator);
  EXPECT_EQ(std::get<SelfStudyChanged>(decision).entry.decision_reason, "not course work");
}

TEST(ReviewSelfStudy, TheSameDecisionAgainIsUnchangedAnotherIsRefused) {
  const auto approved =
      std::get<SelfStudyChanged>(
          decide_review(pending(), {SelfStudyStatus::Approved, std::nullopt, "t"}, kCoordinator))
          .entry;
  EXPECT_TRUE(std::holds_alternative<SelfStudyUnchanged>(
      decide_review(approved, {SelfStudyStatus::Approved, std::nullopt, "t2"}, kCoordinator)));
  EXPECT_EQ(refusal(decide_review(approved, {SelfStudyStatus::Rejected, "x", "t2"}, kCoordinator)),
            SelfStudyRefusal::AlreadyDecided);
}

TEST(ReviewSelfStudy, AnotherOrganisationsEntryIsNotFound) {
  Reviewer other = kCoordinator;
  other.organisation = ids::OrganisationId("o-2");
  EXPECT_EQ(
      refusal(decide_review(pending(), {SelfStudyStatus::Approved, std::nullopt, "t"}, other)),
      SelfStudyRefusal::NotFound);
  Reviewer admin = other;
  admin.kind = Reviewer::Kind::Administrator;
  EXPECT_TRUE(std::holds_alternative<SelfStudyChanged>(
      decide_review(pending(), {SelfStudyStatus::Approved, std::nullopt, "t"}, admin)));
}

TEST(SelfStudyNames, RoundTrip) {
  for (auto s : {SelfStudyStatus::Pending, SelfStudyStatus::Approved, SelfStudyStatus::Rejected})
    EXPECT_EQ(parse_self_study_status(to_string(s)), s);
  EXPECT_FALSE(parse_self_study_status("maybe"));
  EXPECT_EQ(to_string(SelfStudyRefusal::UnknownModule), "unknown_module");
}

TEST(SelfStudyChangedEvent, CarriesNoFreeText) {
  auto entry = pending();
  entry.decision_reason = "private";
  const SelfStudyChangedEvent event{entry, "2026-03-06T10:00:00.000Z"};
  const auto data = event.data();
  EXPECT_EQ(event.aggregate_id(), "e-new");
  EXPECT_EQ(data.at("status").as_string(), "pending");
  EXPECT_EQ(data.at("minutes").as_int64(), 90);
  EXPECT_FALSE(data.contains("description"));
  EXPECT_FALSE(data.contains("decision_reason"));
}

}  // namespace
}  // namespace samverkan::attendance

#include <samverkan/events/schema_registry.hpp>
#include <samverkan/events/typed_event.hpp>

#include "../domain/statement_changed.hpp"

namespace samverkan::attendance {
namespace {

TEST(NewEvents, PassTheirSchemasAsAProducer) {
  static const events::SchemaRegistry registry(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) /
                                               "events");
  EXPECT_NO_THROW((events::require_schemas<SelfStudyChangedEvent, StatementChanged>(registry)));
  auto entry = std::get<SelfStudyChanged>(Given{}.log()).entry;
  entry.id = "0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a10";
  entry.participant = ids::ParticipantId("1b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a10");
  entry.organisation = ids::OrganisationId("2b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a10");
  entry.cohort = ids::CohortId("3b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a10");
  entry.module = ids::ModuleId("4b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a10");
  EXPECT_NO_THROW(registry.validate(std::string(SelfStudyChangedEvent::kType),
                                    SelfStudyChangedEvent{entry, "2026-03-06T10:00:00.000Z"}.data(),
                                    events::Strictness::Producer));
  const StatementContent content{entry.participant, "2026-03", {}, {}};
  const auto canonical = canonical_form(content);
  const StoredStatement stored{entry.federation,
                               entry.participant,
                               "2026-03",
                               1,
                               StatementState::Superseded,
                               canonical,
                               sha256_hex(canonical),
                               0,
                               0,
                               "person-1",
                               "2026-04-01T10:00:00.000Z"};
  EXPECT_NO_THROW(registry.validate(
      std::string(StatementChanged::kType),
      StatementChanged{stored, entry.organisation, "2026-04-01T10:00:00.000Z"}.data(),
      events::Strictness::Producer));
}

}  // namespace
}  // namespace samverkan::attendance
