#include "../domain/deltas.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

PlacedRecord record(const char* status, std::int64_t minutes, std::optional<std::string> org = "O",
                    bool session_counts = true, std::string module = "M") {
  return {{"S", "C", "P", std::move(module), std::move(org), session_counts},
          tally_of(status, 1, minutes)};
}

const TotalKey kSession{Target::Session, "S", "C"};
const TotalKey kParticipant{Target::ParticipantModule, "P", "M"};
const TotalKey kOrganisation{Target::CohortOrganisation, "C", "O"};

TEST(RecordChange, ANewRecordAddsToAllThreeTotals) {
  const auto change = record_change(std::nullopt, record("present", 180));
  const Tally one{1, 0, 0, 0, 0, 180};
  EXPECT_EQ(change, (Adjustments{{kSession, one}, {kParticipant, one}, {kOrganisation, one}}));
}

TEST(RecordChange, ACorrectionMovesOnlyItsDifference) {
  const auto change = record_change(record("present", 180), record("late", 45));
  const Tally diff{-1, 1, 0, 0, 0, -135};
  EXPECT_EQ(change, (Adjustments{{kSession, diff}, {kParticipant, diff}, {kOrganisation, diff}}));
}

TEST(RecordChange, TheSameStateChangesNothing) {
  EXPECT_TRUE(record_change(record("late", 45), record("late", 45)).empty());
  EXPECT_TRUE(record_change(std::nullopt, std::nullopt).empty());
}

TEST(RecordChange, ACancelledSessionKeepsOnlyItsOwnTotal) {
  const auto change = record_change(std::nullopt, record("present", 60, "O", false));
  EXPECT_EQ(change, (Adjustments{{kSession, Tally{1, 0, 0, 0, 0, 60}}}));
  // Cancelling moves the record out of the participant and organisation totals only.
  const auto cancelled = record_change(record("present", 60), record("present", 60, "O", false));
  const Tally out{-1, 0, 0, 0, 0, -60};
  EXPECT_EQ(cancelled, (Adjustments{{kParticipant, out}, {kOrganisation, out}}));
}

TEST(RecordChange, AnUnknownOrganisationLeavesTheSummaryUntilItArrives) {
  const auto unknown = record_change(std::nullopt, record("late", 30, std::nullopt));
  EXPECT_EQ(unknown.count(kOrganisation), 0U);
  EXPECT_EQ(unknown.count(kParticipant), 1U);
  const auto arrived = record_change(record("late", 30, std::nullopt), record("late", 30, "O"));
  EXPECT_EQ(arrived, (Adjustments{{kOrganisation, Tally{0, 1, 0, 0, 0, 30}}}));
}

TEST(RecordChange, AnOrganisationChangeMovesTheRecordBetweenRows) {
  const auto change = record_change(record("present", 60, "O"), record("present", 60, "Q"));
  EXPECT_EQ(change,
            (Adjustments{{kOrganisation, Tally{-1, 0, 0, 0, 0, -60}},
                         {{Target::CohortOrganisation, "C", "Q"}, Tally{1, 0, 0, 0, 0, 60}}}));
}

TEST(RecordChange, OutsideModulesHasItsOwnKey) {
  const auto change =
      record_change(std::nullopt, record("present", 60, "O", true, std::string(kNoModule)));
  EXPECT_EQ(change.count({Target::ParticipantModule, "P", std::string(kNoModule)}), 1U);
}

TEST(Contributions, AddThenRemoveIsZero) {
  Adjustments totals;
  add_contribution(totals, record("present", 60), +1);
  add_contribution(totals, record("absent", 0), +1);
  add_contribution(totals, record("present", 60), -1);
  EXPECT_EQ(totals.at(kParticipant), (Tally{0, 0, 0, 1, 0, 0}));
  add_contribution(totals, record("absent", 0), -1);
  drop_zeros(totals);
  EXPECT_TRUE(totals.empty());
}

}  // namespace
}  // namespace samverkan::reporting
