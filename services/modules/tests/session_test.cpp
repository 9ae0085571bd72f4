// Every branch of scheduling, rescheduling and cancelling a session.
#include "../domain/session.hpp"

#include <gtest/gtest.h>

namespace samverkan::modules {
namespace {

const Actor kAdmin{ids::FederationId("ostergotland"), "admin-1"};
const Context kContext{"9a0d2c4e-6b1f-4e3a-8c5d-7f2e1b0a9c83", 1767225600};
const TimeZoneNames kZones{"Europe/Stockholm", "UTC"};
const std::string kProgramme = "0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a10";
const std::string kModule = "3c9e1a7b-5d2f-4b8e-9a6c-1e0f2d3b4a51";

Cohort cohort(const std::string& federation = "ostergotland") {
  return {ids::CohortId("5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170"),
          ids::FederationId(federation),
          ids::ProgrammeId(kProgramme),
          "2026",
          "2026-03-01",
          "2026-12-31",
          1};
}

Module module(const std::string& programme = kProgramme,
              const std::string& federation = "ostergotland") {
  return {ids::ModuleId(kModule),
          ids::FederationId(federation),
          ids::ProgrammeId(programme),
          "PS1",
          "Power Skills 1",
          true,
          12,
          1};
}

NewSession lecture() {
  return {std::nullopt,
          "lecture",
          "Power Skills 1",
          "2026-04-01T10:00:00+02:00",
          "2026-04-01T12:00:00+02:00",
          "Europe/Stockholm",
          "online",
          std::nullopt};
}

bool has_error(const DomainError& error, const std::string& field) {
  for (const auto& e : error.errors) {
    if (e.field == field) return true;
  }
  return false;
}

DomainError schedule_error(const NewSession& s) {
  const auto r = schedule_session(cohort(), std::nullopt, s, kZones, kAdmin, kContext);
  EXPECT_FALSE(r.ok());
  return r.ok() ? DomainError{} : r.error();
}

// A scheduled session at 2026-04-01 08:00-10:00 UTC, version 1.
Session scheduled() {
  const auto r = schedule_session(cohort(), std::nullopt, lecture(), kZones, kAdmin, kContext);
  return r.value().state;
}

// --- scheduling -------------------------------------------------------------------------------

TEST(ScheduleSession, StoresUtcTimesAsVersionOne) {
  const auto r = schedule_session(cohort(), std::nullopt, lecture(), kZones, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  const Session& s = r.value().state;
  EXPECT_EQ(s.id.str(), kContext.new_id);
  EXPECT_EQ(s.federation, kAdmin.federation);
  EXPECT_EQ(s.cohort, cohort().id);
  EXPECT_FALSE(s.module);
  EXPECT_EQ(s.starts_at, 1775030400);  // 2026-04-01T08:00:00Z
  EXPECT_EQ(s.ends_at, 1775037600);
  EXPECT_EQ(s.status, SessionStatus::Scheduled);
  EXPECT_EQ(s.version, 1);
  ASSERT_TRUE(r.value().event);
  EXPECT_EQ(r.value().event->session.id, s.id);
}

TEST(ScheduleSession, AcceptsAModuleOfTheCohortsProgramme) {
  auto s = lecture();
  s.module_id = kModule;
  const auto r = schedule_session(cohort(), module(), s, kZones, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r.value().state.module);
  EXPECT_EQ(r.value().state.module->str(), kModule);
}

TEST(ScheduleSession, OnSiteNeedsALocation) {
  auto s = lecture();
  s.delivery = "on_site";
  EXPECT_TRUE(has_error(schedule_error(s), "location"));
  s.location = "Linköping";
  EXPECT_TRUE(schedule_session(cohort(), std::nullopt, s, kZones, kAdmin, kContext).ok());
}

TEST(ScheduleSession, RejectsUnknownKindAndDelivery) {
  auto s = lecture();
  s.kind = "party";
  s.delivery = "carrier pigeon";
  s.location = "roof";
  const auto error = schedule_error(s);
  EXPECT_EQ(error.kind, DomainError::Kind::Invalid);
  EXPECT_TRUE(has_error(error, "kind"));
  EXPECT_TRUE(has_error(error, "delivery"));
}

TEST(ScheduleSession, RejectsTimesWithoutOffset) {
  auto s = lecture();
  s.starts_at = "2026-04-01T10:00:00";
  s.ends_at = "noon";
  const auto error = schedule_error(s);
  EXPECT_TRUE(has_error(error, "starts_at"));
  EXPECT_TRUE(has_error(error, "ends_at"));
}

TEST(ScheduleSession, EndMustFollowStart) {
  auto s = lecture();
  s.ends_at = s.starts_at;
  EXPECT_TRUE(has_error(schedule_error(s), "ends_at"));
}

TEST(ScheduleSession, LastsAtMostADay) {
  auto s = lecture();
  s.ends_at = "2026-04-02T10:00:00+02:00";  // exactly 24 hours
  EXPECT_TRUE(schedule_session(cohort(), std::nullopt, s, kZones, kAdmin, kContext).ok());
  s.ends_at = "2026-04-02T10:00:01+02:00";
  EXPECT_TRUE(has_error(schedule_error(s), "ends_at"));
}

TEST(ScheduleSession, RejectsAZoneThatIsNotSpelledLikeOne) {
  auto s = lecture();
  s.time_zone = "../etc/passwd";
  EXPECT_TRUE(has_error(schedule_error(s), "time_zone"));
}

TEST(ScheduleSession, RuleViolationsComeBeforeAMissingCohort) {
  auto s = lecture();
  s.kind = "party";
  const auto r = schedule_session(std::nullopt, std::nullopt, s, kZones, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Invalid);
}

TEST(ScheduleSession, NeedsTheCohortInTheActorsFederation) {
  auto r = schedule_session(std::nullopt, std::nullopt, lecture(), kZones, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::NotFound);
  r = schedule_session(cohort("skane"), std::nullopt, lecture(), kZones, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::NotFound);
}

TEST(ScheduleSession, RefusesAModuleThatIsMissingOrOfAnotherProgrammeOrFederation) {
  auto s = lecture();
  s.module_id = kModule;
  for (const std::optional<Module>& m :
       {std::optional<Module>{},
        std::optional<Module>{module("7d6c5b4a-3928-4170-8f6e-5d4c3b2a1908")},
        std::optional<Module>{module(kProgramme, "skane")}}) {
    const auto r = schedule_session(cohort(), m, s, kZones, kAdmin, kContext);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, DomainError::Kind::Unprocessable);
    EXPECT_TRUE(has_error(r.error(), "module_id"));
  }
}

TEST(ScheduleSession, RefusesAModuleOtherThanTheOneNamed) {
  auto s = lecture();
  s.module_id = "11111111-2222-4333-8444-555555555555";
  const auto r = schedule_session(cohort(), module(), s, kZones, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Unprocessable);
}

TEST(ScheduleSession, RefusesAZoneTheDatabaseDoesNotKnow) {
  auto s = lecture();
  s.time_zone = "Mars/Olympus_Mons";
  const auto r = schedule_session(cohort(), std::nullopt, s, kZones, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Unprocessable);
  EXPECT_TRUE(has_error(r.error(), "time_zone"));
}

// --- rescheduling -----------------------------------------------------------------------------

TEST(RescheduleSession, MovesTheTimesAndBumpsTheVersion) {
  const auto current = scheduled();
  const auto r = reschedule_session(
      current, {"2026-04-08T10:00:00+02:00", "2026-04-08T13:00:00+02:00", "room"}, kAdmin,
      kContext);
  ASSERT_TRUE(r.ok());
  const Session& next = r.value().state;
  EXPECT_EQ(next.starts_at, current.starts_at + 7 * 86400);
  EXPECT_EQ(next.ends_at, current.ends_at + 7 * 86400 + 3600);
  EXPECT_EQ(next.version, 2);
  EXPECT_EQ(next.status, SessionStatus::Scheduled);
  EXPECT_EQ(next.title, current.title);
  ASSERT_TRUE(r.value().event);
  EXPECT_EQ(r.value().event->session.version, 2);
  EXPECT_EQ(r.value().event->changed_at, kContext.now);
}

TEST(RescheduleSession, TheSameTimesInAnotherOffsetChangeNothing) {
  const auto current = scheduled();
  const auto r = reschedule_session(
      current, {"2026-04-01T08:00:00Z", "2026-04-01T10:00:00Z", "again"}, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.value().event);
  EXPECT_EQ(r.value().state.version, 1);
  EXPECT_EQ(r.value().state.starts_at, current.starts_at);
}

TEST(RescheduleSession, MovingOnlyTheEndIsAChange) {
  const auto r = reschedule_session(
      scheduled(), {"2026-04-01T10:00:00+02:00", "2026-04-01T11:00:00+02:00", "short"}, kAdmin,
      kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().event);
}

TEST(RescheduleSession, EndMustFollowStart) {
  const auto r = reschedule_session(scheduled(),
                                    {"2026-04-08T12:00:00+02:00", "2026-04-08T12:00:00+02:00", "x"},
                                    kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Invalid);
  EXPECT_TRUE(has_error(r.error(), "ends_at"));
}

TEST(RescheduleSession, RejectsMalformedAndOverlongTimes) {
  auto r = reschedule_session(scheduled(), {"tomorrow", "2026-04-08T12:00:00+02:00", "x"}, kAdmin,
                              kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_error(r.error(), "starts_at"));
  r = reschedule_session(scheduled(),
                         {"2026-04-08T10:00:00+02:00", "2026-04-09T10:00:01+02:00", "x"}, kAdmin,
                         kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_error(r.error(), "ends_at"));
}

TEST(RescheduleSession, ACancelledSessionCannotMove) {
  auto current = scheduled();
  current.status = SessionStatus::Cancelled;
  current.version = 2;
  const auto r = reschedule_session(
      current, {"2026-04-08T10:00:00+02:00", "2026-04-08T12:00:00+02:00", "x"}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Conflict);
}

TEST(RescheduleSession, AnotherFederationsSessionIsNotFound) {
  auto current = scheduled();
  current.federation = ids::FederationId("skane");
  const auto r = reschedule_session(
      current, {"2026-04-08T10:00:00+02:00", "2026-04-08T12:00:00+02:00", "x"}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::NotFound);
}

// --- cancelling -------------------------------------------------------------------------------

TEST(CancelSession, CancelsKeepingTheTimesAndTheReason) {
  const auto current = scheduled();
  const auto r = cancel_session(current, {"the trainer is ill"}, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  const Session& next = r.value().state;
  EXPECT_EQ(next.status, SessionStatus::Cancelled);
  EXPECT_EQ(next.version, 2);
  EXPECT_EQ(next.starts_at, current.starts_at);
  EXPECT_EQ(next.cancellation_reason, "the trainer is ill");
  ASSERT_TRUE(r.value().event);
  EXPECT_EQ(r.value().event->session.status, SessionStatus::Cancelled);
}

TEST(CancelSession, AfterARescheduleTheVersionKeepsCounting) {
  const auto moved = reschedule_session(
      scheduled(), {"2026-04-08T10:00:00+02:00", "2026-04-08T12:00:00+02:00", "x"}, kAdmin,
      kContext);
  const auto r = cancel_session(moved.value().state, {"no room"}, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().state.version, 3);
}

TEST(CancelSession, CannotCancelTwice) {
  const auto once = cancel_session(scheduled(), {"ill"}, kAdmin, kContext);
  const auto r = cancel_session(once.value().state, {"ill again"}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Conflict);
}

TEST(CancelSession, AnotherFederationsSessionIsNotFound) {
  auto current = scheduled();
  current.federation = ids::FederationId("skane");
  const auto r = cancel_session(current, {"ill"}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::NotFound);
}

// --- assigning trainers ------------------------------------------------------------------------

TEST(AssignTrainers, StoresTheSetSortedAndUniqueAsTheNextVersion) {
  const auto r =
      assign_trainers(scheduled(), {{"trainer-b", "trainer-a", "trainer-b"}}, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().state.trainer_subjects, (std::vector<std::string>{"trainer-a", "trainer-b"}));
  EXPECT_EQ(r.value().state.version, 2);
  ASSERT_TRUE(r.value().event);
  EXPECT_EQ(r.value().event->session.trainer_subjects, r.value().state.trainer_subjects);
}

TEST(AssignTrainers, TheSameSetInAnyOrderChangesNothing) {
  const auto once = assign_trainers(scheduled(), {{"a", "b"}}, kAdmin, kContext);
  const auto r = assign_trainers(once.value().state, {{"b", "a", "a"}}, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.value().event);
  EXPECT_EQ(r.value().state.version, 2);
}

TEST(AssignTrainers, AnEmptySetRemovesEveryTrainer) {
  const auto once = assign_trainers(scheduled(), {{"a"}}, kAdmin, kContext);
  const auto r = assign_trainers(once.value().state, {{}}, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r.value().state.trainer_subjects.empty());
  EXPECT_EQ(r.value().state.version, 3);
}

TEST(AssignTrainers, RefusesBlankOverlongOrControlCharacterSubjects) {
  for (const std::string& bad :
       {std::string(), std::string(kMaxSubjectLength + 1, 'x'), std::string("tab\there")}) {
    const auto r = assign_trainers(scheduled(), {{"ok", bad}}, kAdmin, kContext);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, DomainError::Kind::Invalid);
    EXPECT_TRUE(has_error(r.error(), "trainer_subjects"));
  }
  EXPECT_TRUE(
      assign_trainers(scheduled(), {{std::string(kMaxSubjectLength, 'x')}}, kAdmin, kContext).ok());
}

TEST(AssignTrainers, RefusesMoreThanTheMaximum) {
  std::vector<std::string> many;
  for (std::size_t i = 0; i <= kMaxTrainers; ++i) many.push_back("t" + std::to_string(i));
  const auto r = assign_trainers(scheduled(), {many}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Invalid);
  many.pop_back();
  EXPECT_TRUE(assign_trainers(scheduled(), {many}, kAdmin, kContext).ok());
}

TEST(AssignTrainers, ACancelledSessionTakesNoTrainers) {
  const auto once = cancel_session(scheduled(), {"ill"}, kAdmin, kContext);
  const auto r = assign_trainers(once.value().state, {{"a"}}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Conflict);
}

TEST(AssignTrainers, KeepsTheNamesGivenForAssignedSubjects) {
  const auto r = assign_trainers(
      scheduled(), {{"b", "a", "c"}, {{"b", "Bo Berg"}, {"a", "Åsa Ek"}, {"a", "Åsa Ek"}}}, kAdmin,
      kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().state.trainer_names,
            (std::map<std::string, std::string>{{"a", "Åsa Ek"}, {"b", "Bo Berg"}}));
  ASSERT_TRUE(r.value().event);
  EXPECT_EQ(r.value().event->session.trainer_names, r.value().state.trainer_names);
}

TEST(AssignTrainers, ANewNameAloneIsAChangeAndTheSameNamesAreNot) {
  const auto once = assign_trainers(scheduled(), {{"a"}, {{"a", "Åsa Ek"}}}, kAdmin, kContext);
  const auto same =
      assign_trainers(once.value().state, {{"a"}, {{"a", "Åsa Ek"}}}, kAdmin, kContext);
  EXPECT_FALSE(same.value().event);
  const auto renamed =
      assign_trainers(once.value().state, {{"a"}, {{"a", "Åsa Lind"}}}, kAdmin, kContext);
  ASSERT_TRUE(renamed.value().event);
  EXPECT_EQ(renamed.value().state.trainer_names.at("a"), "Åsa Lind");
  // The old shape (subjects only) assigns the set without names: the name goes.
  const auto unnamed = assign_trainers(renamed.value().state, {{"a"}}, kAdmin, kContext);
  ASSERT_TRUE(unnamed.value().event);
  EXPECT_TRUE(unnamed.value().state.trainer_names.empty());
}

TEST(AssignTrainers, RefusesBadNames) {
  const std::vector<AssignTrainers> bad{
      {{"a"}, {{"a", ""}}},                                           // blank
      {{"a"}, {{"a", "   "}}},                                        // only spaces
      {{"a"}, {{"a", std::string(kMaxTrainerNameLength + 1, 'x')}}},  // too long
      {{"a"}, {{"a", "Bo\nBerg"}}},                                   // a control character
      {{"a"}, {{"b", "Bo Berg"}}},                                    // a subject not assigned
      {{"a"}, {{"a", "Bo Berg"}, {"a", "Bo Ek"}}},                    // two names for one subject
  };
  for (const auto& command : bad) {
    const auto r = assign_trainers(scheduled(), command, kAdmin, kContext);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, DomainError::Kind::Invalid);
    EXPECT_TRUE(has_error(r.error(), "trainers"));
  }
  EXPECT_TRUE(assign_trainers(scheduled(),
                              {{"a"}, {{"a", std::string(kMaxTrainerNameLength, 'x')}}}, kAdmin,
                              kContext)
                  .ok());
}

TEST(AssignTrainers, AnotherFederationsSessionIsNotFound) {
  auto current = scheduled();
  current.federation = ids::FederationId("skane");
  const auto r = assign_trainers(current, {{"a"}}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::NotFound);
}

}  // namespace
}  // namespace samverkan::modules
