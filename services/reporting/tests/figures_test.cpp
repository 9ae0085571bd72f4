#include "../domain/figures.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace samverkan::reporting {
namespace {

TEST(Attended, PresentAndLateCount) {
  EXPECT_TRUE(counts_as_attended("present"));
  EXPECT_TRUE(counts_as_attended("late"));
  EXPECT_FALSE(counts_as_attended("excused"));
  EXPECT_FALSE(counts_as_attended("absent"));
  EXPECT_FALSE(counts_as_attended("a-status-from-the-future"));
}

TEST(Tally, OneRecordLandsInItsStatus) {
  EXPECT_EQ(tally_of("present", 1, 180), (Tally{1, 0, 0, 0, 0, 180}));
  EXPECT_EQ(tally_of("late", 1, 60), (Tally{0, 1, 0, 0, 0, 60}));
  EXPECT_EQ(tally_of("excused", 1, 0), (Tally{0, 0, 1, 0, 0, 0}));
  EXPECT_EQ(tally_of("absent", 1, 0), (Tally{0, 0, 0, 1, 0, 0}));
  EXPECT_EQ(tally_of("online", 1, 30), (Tally{0, 0, 0, 0, 1, 30}));  // unknown: never attended
  EXPECT_EQ(tally_of("present", 7, 700), (Tally{7, 0, 0, 0, 0, 700}));
}

TEST(Tally, AttendedAgreesWithTheStatusRule) {
  for (const char* status : {"present", "late", "excused", "absent", "online"}) {
    const auto t = tally_of(status, 1, 10);
    EXPECT_EQ(t.attended(), counts_as_attended(status) ? 1 : 0) << status;
    EXPECT_EQ(t.records(), 1) << status;
  }
}

TEST(Tally, AddsSubtractsAndKnowsZero) {
  const Tally a{1, 2, 3, 4, 5, 60}, b{1, 1, 1, 1, 1, 10};
  EXPECT_EQ(a + b, (Tally{2, 3, 4, 5, 6, 70}));
  EXPECT_EQ(a - b, (Tally{0, 1, 2, 3, 4, 50}));
  EXPECT_TRUE((a - a).zero());
  EXPECT_FALSE(a.zero());
  // A status change with the same minutes is not zero, although the record count is.
  EXPECT_FALSE((tally_of("late", 1, 0) - tally_of("absent", 1, 0)).zero());
}

TEST(Hours, TwoDecimalsAlways) {
  EXPECT_EQ(hours_text(0), "0.00");
  EXPECT_EQ(hours_text(1), "0.02");
  EXPECT_EQ(hours_text(30), "0.50");
  EXPECT_EQ(hours_text(59), "0.98");
  EXPECT_EQ(hours_text(60), "1.00");
  EXPECT_EQ(hours_text(300), "5.00");
  EXPECT_EQ(hours_text(10862), "181.03");
  EXPECT_EQ(hours_text(-1), "-0.02");
}

TEST(Hours, MatchesRoundingTheQuotient) {
  for (std::int64_t minutes = 0; minutes <= 20000; ++minutes) {
    const auto hundredths = std::llround(static_cast<double>(minutes) * 100.0 / 60.0);
    const auto text = hours_text(minutes);
    EXPECT_EQ(std::llround(std::stod(text) * 100.0), hundredths) << minutes;
    EXPECT_EQ(text[text.size() - 3], '.') << minutes;
  }
}

}  // namespace
}  // namespace samverkan::reporting
