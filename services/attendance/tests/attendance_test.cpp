#include "../domain/attendance.hpp"

#include <gtest/gtest.h>

namespace samverkan::attendance {
namespace {

using namespace std::chrono_literals;

std::optional<Resolved> run(Status status, std::optional<std::int64_t> minutes,
                            std::vector<json::FieldError>& errors) {
  return resolve(Mark{status, minutes}, 120, errors);
}

TEST(Resolve, PresentDefaultsToWholeSession) {
  std::vector<json::FieldError> errors;
  auto r = run(Status::Present, std::nullopt, errors);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->minutes, 120);
}

TEST(Resolve, PresentCannotExceedSession) {
  std::vector<json::FieldError> errors;
  EXPECT_FALSE(run(Status::Present, 121, errors));
  EXPECT_EQ(errors.at(0).field, "minutes");
  errors.clear();
  EXPECT_FALSE(run(Status::Present, 0, errors));
}

TEST(Resolve, LateNeedsMinutes) {
  std::vector<json::FieldError> errors;
  EXPECT_FALSE(run(Status::Late, std::nullopt, errors));
  errors.clear();
  EXPECT_FALSE(run(Status::Late, 121, errors));
  errors.clear();
  auto r = run(Status::Late, 95, errors);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->minutes, 95);
}

TEST(Resolve, AbsentAndExcusedCountNothing) {
  std::vector<json::FieldError> errors;
  EXPECT_EQ(run(Status::Absent, std::nullopt, errors)->minutes, 0);
  EXPECT_EQ(run(Status::Excused, 0, errors)->minutes, 0);
  EXPECT_FALSE(run(Status::Absent, 30, errors));
  EXPECT_FALSE(run(Status::Excused, 1, errors));
}

TEST(Same, ComparesStatusAndMinutes) {
  EXPECT_TRUE(same({Status::Present, 120}, {Status::Present, 120}));
  EXPECT_FALSE(same({Status::Present, 120}, {Status::Late, 120}));
  EXPECT_FALSE(same({Status::Late, 90}, {Status::Late, 100}));
}

TEST(Names, RoundTripAndRejectUnknown) {
  for (auto s : {Status::Present, Status::Late, Status::Excused, Status::Absent}) {
    EXPECT_EQ(parse_status(to_string(s)), s);
  }
  EXPECT_FALSE(parse_status("asleep"));
  EXPECT_FALSE(parse_status("Present"));
  for (auto s : {SessionStatus::Scheduled, SessionStatus::Cancelled})
    EXPECT_EQ(parse_session_status(to_string(s)), s);
  EXPECT_FALSE(parse_session_status("postponed"));
  for (auto s :
       {EnrolmentStatus::Interest, EnrolmentStatus::Pending, EnrolmentStatus::Approved,
        EnrolmentStatus::Waitlisted, EnrolmentStatus::Rejected, EnrolmentStatus::Withdrawn}) {
    EXPECT_EQ(parse_enrolment_status(to_string(s)), s);
  }
  EXPECT_FALSE(parse_enrolment_status("expelled"));
  EXPECT_EQ(to_string(Refusal::AfterLeaving), "after_leaving_date");
  EXPECT_EQ(to_string(Refusal::ReasonRequired), "reason_required");
  for (auto s : {Source::Manual, Source::Import, Source::CheckIn, Source::Auto})
    EXPECT_EQ(parse_source(to_string(s)), s);
  EXPECT_EQ(to_string(Source::CheckIn), "check_in");
  EXPECT_FALSE(parse_source("telepathy"));
}

// A world in which a mark is accepted; each test changes one thing.
struct Given {
  Actor actor{ids::FederationId("ostergotland"), "trainer-1"};
  MarkCommand command{ids::SessionId("s-1"), ids::ParticipantId("p-1"),
                      Mark{Status::Present, std::nullopt}, ids::RecordId("r-new"),
                      "2026-03-02T10:00:00.000Z"};
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
                            "2026-02-01T09:00:00.000Z", std::nullopt, std::nullopt, 2}};
  std::optional<Record> current;

  Decision decide_now() const { return decide(current, command, actor, context); }
  void withdraw(std::chrono::year_month_day left_on) {
    context.enrolment->status = EnrolmentStatus::Withdrawn;
    context.enrolment->left_on = left_on;
  }
};

Record existing(Status status, std::int64_t minutes, std::int64_t revision) {
  return Record{ids::RecordId("r-old"),
                ids::FederationId("ostergotland"),
                ids::SessionId("s-1"),
                ids::ParticipantId("p-1"),
                status,
                minutes,
                revision,
                "trainer-0",
                "2026-03-02T09:00:00.000Z"};
}

Refusal refusal_of(const Decision& d) {
  const auto* refused = std::get_if<Refused>(&d);
  if (refused == nullptr) throw std::runtime_error("expected a refusal");
  return refused->reason;
}

TEST(Decide, FirstMarkIsRevisionOneWithItsEvent) {
  Given g;
  const auto decision = g.decide_now();
  const auto& recorded = std::get<Recorded>(decision);
  EXPECT_TRUE(recorded.created);
  EXPECT_EQ(recorded.record.id, ids::RecordId("r-new"));
  EXPECT_EQ(recorded.record.revision, 1);
  EXPECT_EQ(recorded.record.version(), 1);
  EXPECT_EQ(recorded.record.status, Status::Present);
  EXPECT_EQ(recorded.record.minutes, 120);
  EXPECT_EQ(recorded.record.recorded_by, "trainer-1");
  EXPECT_EQ(recorded.record.recorded_at, "2026-03-02T10:00:00.000Z");
  EXPECT_EQ(recorded.record.federation, ids::FederationId("ostergotland"));
  EXPECT_EQ(recorded.event.aggregate_id(), "r-new");
  EXPECT_EQ(recorded.event.cohort, ids::CohortId("c-1"));
  EXPECT_EQ(recorded.event.module, ids::ModuleId("m-1"));
  EXPECT_EQ(recorded.event.record.revision, 1);
}

TEST(Decide, DifferentMarkIsTheNextRevisionOfTheSameRecord) {
  Given g;
  g.current = existing(Status::Present, 120, 3);
  g.command.mark = Mark{Status::Late, 45, Source::Manual, "came in after the break"};
  const auto decision = g.decide_now();
  const auto& recorded = std::get<Recorded>(decision);
  EXPECT_FALSE(recorded.created);
  EXPECT_EQ(recorded.record.id, ids::RecordId("r-old"));
  EXPECT_EQ(recorded.record.revision, 4);
  EXPECT_EQ(recorded.record.status, Status::Late);
  EXPECT_EQ(recorded.record.minutes, 45);
  EXPECT_EQ(recorded.record.recorded_by, "trainer-1");
  EXPECT_EQ(recorded.event.record.version(), 4);
  EXPECT_EQ(recorded.record.source, Source::Manual);
  EXPECT_EQ(recorded.record.reason, "came in after the break");
  EXPECT_FALSE(recorded.record.import);
}

TEST(Decide, AChangeWithoutAReasonIsRefusedNamingReason) {
  Given g;
  g.current = existing(Status::Present, 120, 1);
  const std::vector<std::optional<std::string>> missing{std::nullopt, " \t\n"};
  for (const auto& blank : missing) {
    g.command.mark = Mark{Status::Absent, std::nullopt, Source::Manual, blank};
    const auto decision = g.decide_now();
    EXPECT_EQ(refusal_of(decision), Refusal::ReasonRequired);
    EXPECT_EQ(std::get<Refused>(decision).errors.at(0).field, "reason");
  }
  // The same mark again needs none: it changes nothing.
  g.command.mark = Mark{Status::Present, 120};
  EXPECT_TRUE(std::holds_alternative<Unchanged>(g.decide_now()));
}

TEST(Decide, AFirstMarkNeedsNoReasonAndKeepsOneGiven) {
  Given g;
  EXPECT_FALSE(std::get<Recorded>(g.decide_now()).record.reason);
  g.command.mark.reason = "first of the day";
  EXPECT_EQ(std::get<Recorded>(g.decide_now()).record.reason, "first of the day");
}

TEST(Decide, AnImportRevisionCarriesItsSourceAndFile) {
  Given g;
  g.current = existing(Status::Present, 120, 1);
  g.current->source = Source::CheckIn;
  const ImportRef file{"i-1", std::string(64, 'a')};
  g.command.mark = Mark{Status::Late, 30, Source::Import, "meeting report import", file};
  const auto decision = g.decide_now();
  const auto& recorded = std::get<Recorded>(decision);
  EXPECT_EQ(recorded.record.source, Source::Import);
  EXPECT_EQ(recorded.record.import, file);
  EXPECT_EQ(recorded.record.revision, 2);
  // An import reference given with another source is not kept: only imports have one.
  g.command.mark.source = Source::Auto;
  EXPECT_FALSE(std::get<Recorded>(g.decide_now()).record.import);
}

TEST(Decide, SameMarkAgainIsUnchanged) {
  Given g;
  g.current = existing(Status::Present, 120, 2);
  const auto decision = g.decide_now();  // present defaults to the whole 120
  const auto& unchanged = std::get<Unchanged>(decision);
  EXPECT_EQ(unchanged.record.revision, 2);
  EXPECT_EQ(unchanged.record.recorded_by, "trainer-0");
}

TEST(Decide, CancelledSessionIsRefused) {
  Given g;
  g.context.session.status = SessionStatus::Cancelled;
  EXPECT_EQ(refusal_of(g.decide_now()), Refusal::SessionCancelled);
  g.current = existing(Status::Present, 120, 1);  // even the same mark again
  EXPECT_EQ(refusal_of(g.decide_now()), Refusal::SessionCancelled);
  g.context.enrolment.reset();  // the session's state is checked first
  EXPECT_EQ(refusal_of(g.decide_now()), Refusal::SessionCancelled);
}

TEST(Decide, NoEnrolmentIsRefused) {
  Given g;
  g.context.enrolment.reset();
  const auto decision = g.decide_now();
  EXPECT_EQ(refusal_of(decision), Refusal::NotEnrolled);
  EXPECT_EQ(std::get<Refused>(decision).errors.at(0).field, "participant_id");
}

TEST(Decide, EnrolmentWithoutAPlaceIsRefused) {
  for (auto status : {EnrolmentStatus::Interest, EnrolmentStatus::Pending,
                      EnrolmentStatus::Waitlisted, EnrolmentStatus::Rejected}) {
    Given g;
    g.context.enrolment->status = status;
    EXPECT_EQ(refusal_of(g.decide_now()), Refusal::NotEnrolled) << to_string(status);
  }
}

TEST(Decide, WithdrawnWithoutLeavingDateOrApprovalIsRefused) {
  Given g;
  g.context.enrolment->status = EnrolmentStatus::Withdrawn;
  EXPECT_EQ(refusal_of(g.decide_now()), Refusal::NotEnrolled);  // no leaving date
  g.withdraw(2026y / 3 / 10);
  g.context.enrolment->approved_at.reset();  // withdrawn before it was ever approved
  EXPECT_EQ(refusal_of(g.decide_now()), Refusal::NotEnrolled);
}

TEST(Decide, SessionAfterTheLeavingDateIsRefused) {
  Given g;
  g.withdraw(2026y / 3 / 1);
  const auto decision = g.decide_now();
  EXPECT_EQ(refusal_of(decision), Refusal::AfterLeaving);
  EXPECT_EQ(std::get<Refused>(decision).errors.at(0).field, "participant_id");
}

TEST(Decide, SessionOnOrBeforeTheLeavingDateStaysRecordable) {
  Given g;
  g.withdraw(2026y / 3 / 2);  // the leaving day itself
  EXPECT_TRUE(std::holds_alternative<Recorded>(g.decide_now()));
  g.withdraw(2026y / 4 / 1);
  EXPECT_TRUE(std::holds_alternative<Recorded>(g.decide_now()));
}

TEST(Decide, ApprovedWithALeavingDateIsBoundedToo) {
  Given g;
  g.context.enrolment->left_on = 2026y / 2 / 28;
  EXPECT_EQ(refusal_of(g.decide_now()), Refusal::AfterLeaving);
}

TEST(Decide, MinutesThatDoNotFitAreRefusedWithTheField) {
  Given g;
  g.command.mark = Mark{Status::Late, 121};
  const auto decision = g.decide_now();
  EXPECT_EQ(refusal_of(decision), Refusal::MinutesDoNotFit);
  EXPECT_EQ(std::get<Refused>(decision).errors.at(0).field, "minutes");
  g.context.session_minutes = 180;  // the same mark fits a longer session
  EXPECT_TRUE(std::holds_alternative<Recorded>(g.decide_now()));
}

TEST(Decide, ConferenceHasNoModule) {
  Given g;
  g.context.session.module.reset();
  EXPECT_FALSE(std::get<Recorded>(g.decide_now()).event.module);
}

}  // namespace
}  // namespace samverkan::attendance
