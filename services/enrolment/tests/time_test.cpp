#include "../domain/time.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace samverkan::enrolment {
namespace {

TEST(Dates, ParseOnlyRealDays) {
  EXPECT_EQ(parse_date("2027-03-01"), test::day(2027, 3, 1));
  EXPECT_EQ(parse_date("2028-02-29"), test::day(2028, 2, 29));  // a leap day
  EXPECT_FALSE(parse_date("2027-02-29"));
  EXPECT_FALSE(parse_date("2027-13-01"));
  EXPECT_FALSE(parse_date("2027-3-01"));
  EXPECT_FALSE(parse_date("2027/03/01"));
  EXPECT_FALSE(parse_date("2027-03-01T00:00:00Z"));
  EXPECT_FALSE(parse_date(""));
}

TEST(Dates, FormatRoundTrips) { EXPECT_EQ(format_date(*parse_date("2027-06-30")), "2027-06-30"); }

TEST(Timestamps, FormatWithMillisecondsInUtc) {
  const auto at = test::noon(2027, 1, 10) + std::chrono::milliseconds(7);
  EXPECT_EQ(format_timestamp(at), "2027-01-10T12:00:00.007Z");
  EXPECT_EQ(format_timestamp(Timestamp{}), "1970-01-01T00:00:00.000Z");
}

TEST(Timestamps, DayOfIsTheUtcDay) {
  const auto late = test::noon(2027, 1, 10) + std::chrono::hours(11) + std::chrono::minutes(59);
  EXPECT_EQ(day_of(late), test::day(2027, 1, 10));
  EXPECT_EQ(day_of(late + std::chrono::minutes(1)), test::day(2027, 1, 11));
}

}  // namespace
}  // namespace samverkan::enrolment
