// Every branch of the monthly statement rules: the month's spelling, the canonical form and its
// hash, the view of the month now, and confirming it.
#include "../domain/statement.hpp"

#include <gtest/gtest.h>

#include "../domain/statement_changed.hpp"

namespace samverkan::attendance {
namespace {

StatementContent march() {
  return {ids::ParticipantId("p-1"),
          "2026-03",
          {{ids::SessionId("s-1"), "2026-03-02", Status::Present, 120},
           {ids::SessionId("s-2"), "2026-03-09", Status::Late, 45}},
          {}};
}

const ids::FederationId kFed("ostergotland");

StoredStatement stored(const StatementContent& content, std::int64_t version,
                       StatementState state) {
  const auto canonical = canonical_form(content);
  return {kFed,
          content.participant,
          content.month,
          version,
          state,
          canonical,
          sha256_hex(canonical),
          session_minutes(content),
          self_study_minutes(content),
          "person-1",
          "2026-04-01T10:00:00.000Z"};
}

TEST(Month, AcceptsYearAndMonthOnly) {
  EXPECT_TRUE(valid_month("2026-03"));
  EXPECT_TRUE(valid_month("2026-12"));
  for (const char* bad : {"2026-00", "2026-13", "2026-3", "26-03", "2026/03", "2026-03-01",
                          "1999-01", "abcd-ef", ""}) {
    EXPECT_FALSE(valid_month(bad)) << bad;
  }
}

TEST(Canonical, IsCompactJsonInAFixedOrder) {
  auto content = march();
  content.self_study.push_back({"e-1", ids::ModuleId("m-1"), "2026-03-05", 30});
  EXPECT_EQ(canonical_form(content),
            R"({"participant_id":"p-1","month":"2026-03","sessions":[)"
            R"({"session_id":"s-1","date":"2026-03-02","status":"present","minutes":120},)"
            R"({"session_id":"s-2","date":"2026-03-09","status":"late","minutes":45}],)"
            R"("session_minutes":165,"self_study":[{"entry_id":"e-1","module_id":"m-1",)"
            R"("date":"2026-03-05","minutes":30}],"self_study_minutes":30})");
  EXPECT_EQ(session_minutes(content), 165);
  EXPECT_EQ(self_study_minutes(content), 30);
}

TEST(Canonical, TheHashIsSha256OfTheText) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  auto changed = march();
  changed.sessions[1].minutes = 50;
  EXPECT_NE(sha256_hex(canonical_form(march())), sha256_hex(canonical_form(changed)));
}

TEST(StatementStates, RoundTripAndRejectUnknown) {
  for (auto state :
       {StatementState::Unconfirmed, StatementState::Confirmed, StatementState::Superseded}) {
    EXPECT_EQ(parse_statement_state(to_string(state)), state);
  }
  EXPECT_FALSE(parse_statement_state("signed"));
}

TEST(CurrentView, NothingStoredIsVersionOneUnconfirmed) {
  const auto view = current_view(march(), std::nullopt);
  EXPECT_EQ(view.version, 1);
  EXPECT_EQ(view.state, StatementState::Unconfirmed);
  EXPECT_EQ(view.sha256, sha256_hex(canonical_form(march())));
}

TEST(CurrentView, TheSameContentAsTheConfirmedVersionIsConfirmed) {
  const auto view = current_view(march(), stored(march(), 2, StatementState::Confirmed));
  EXPECT_EQ(view.version, 2);
  EXPECT_EQ(view.state, StatementState::Confirmed);
}

TEST(CurrentView, ChangedContentOrASupersededVersionNeedsTheNextVersion) {
  auto changed = march();
  changed.sessions.pop_back();
  EXPECT_EQ(current_view(changed, stored(march(), 2, StatementState::Confirmed)).version, 3);
  const auto view = current_view(march(), stored(march(), 2, StatementState::Superseded));
  EXPECT_EQ(view.version, 3);
  EXPECT_EQ(view.state, StatementState::Unconfirmed);
}

TEST(Confirm, TheContentReadIsStoredAsTheNextVersion) {
  const auto sha = sha256_hex(canonical_form(march()));
  const auto decision =
      decide_confirm(march(), std::nullopt, kFed, {sha, "2026-04-01T10:00:00.000Z", "person-1"});
  const auto& s = std::get<StatementConfirmed>(decision).statement;
  EXPECT_EQ(s.version, 1);
  EXPECT_EQ(s.state, StatementState::Confirmed);
  EXPECT_EQ(s.sha256, sha);
  EXPECT_EQ(s.canonical, canonical_form(march()));
  EXPECT_EQ(s.session_minutes, 165);
  EXPECT_EQ(s.confirmed_by, "person-1");
  EXPECT_EQ(s.federation, kFed);
}

TEST(Confirm, AfterASupersessionTheNewContentIsTheNextVersion) {
  auto changed = march();
  changed.sessions[0].status = Status::Absent;
  changed.sessions[0].minutes = 0;
  const auto decision =
      decide_confirm(changed, stored(march(), 1, StatementState::Superseded), kFed,
                     {sha256_hex(canonical_form(changed)), "2026-04-02T10:00:00.000Z", "p"});
  EXPECT_EQ(std::get<StatementConfirmed>(decision).statement.version, 2);
}

TEST(Confirm, AHashThatIsNotTheContentNowIsStale) {
  auto changed = march();
  changed.sessions.pop_back();
  const auto decision = decide_confirm(changed, std::nullopt, kFed,
                                       {sha256_hex(canonical_form(march())), "now", "p"});
  EXPECT_EQ(std::get<ConfirmRefused>(decision).reason, ConfirmRefusal::Stale);
}

TEST(Confirm, TheSameConfirmationAgainIsAnsweredAsItWas) {
  const auto latest = stored(march(), 1, StatementState::Confirmed);
  const auto decision = decide_confirm(march(), latest, kFed, {latest.sha256, "later", "p"});
  EXPECT_EQ(std::get<StatementAlreadyConfirmed>(decision).statement.confirmed_at,
            "2026-04-01T10:00:00.000Z");
}

TEST(Confirm, AnEmptyMonthHasNothingToConfirm) {
  const StatementContent empty{ids::ParticipantId("p-1"), "2026-03", {}, {}};
  const auto decision =
      decide_confirm(empty, std::nullopt, kFed, {sha256_hex(canonical_form(empty)), "now", "p"});
  EXPECT_EQ(std::get<ConfirmRefused>(decision).reason, ConfirmRefusal::Nothing);
}

TEST(StatementChangedEvent, CarriesTotalsAndTheHashOnly) {
  const StatementChanged event{stored(march(), 1, StatementState::Superseded),
                               ids::OrganisationId("o-1"), "2026-04-03T10:00:00.000Z"};
  const auto data = event.data();
  EXPECT_EQ(event.aggregate_id(), "p-1");
  EXPECT_EQ(data.at("state").as_string(), "superseded");
  EXPECT_EQ(data.at("session_minutes").as_int64(), 165);
  EXPECT_EQ(data.at("organisation_id").as_string(), "o-1");
  EXPECT_FALSE(data.contains("canonical"));
  const StatementChanged unknown{stored(march(), 1, StatementState::Confirmed), std::nullopt, "t"};
  EXPECT_TRUE(unknown.data().at("organisation_id").is_null());
}

}  // namespace
}  // namespace samverkan::attendance
