#include <gtest/gtest.h>

#include <samverkan/json/reader.hpp>

namespace samverkan::json {
namespace {

TEST(ParseRfc3339, UtcAndEpoch) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00Z"), 1775037600);
  EXPECT_EQ(parse_rfc3339("2026-04-01t10:00:00z"), 1775037600);
  EXPECT_EQ(parse_rfc3339("1969-12-31T23:59:59Z"), -1);
}

TEST(ParseRfc3339, Offsets) {
  EXPECT_EQ(parse_rfc3339("2026-04-01T12:00:00+02:00"), 1775037600);
  EXPECT_EQ(parse_rfc3339("2026-04-01T05:30:00-04:30"), 1775037600);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00+00:00"), 1775037600);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00-00:00"), 1775037600);
  // An offset can move the instant across a day and year boundary.
  EXPECT_EQ(parse_rfc3339("2027-01-01T01:00:00+02:00"), parse_rfc3339("2026-12-31T23:00:00Z"));
}

TEST(ParseRfc3339, FractionIsTruncated) {
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00.999Z"), 1775037600);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00.1+02:00"), 1775037600 - 7200);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00.Z"), std::nullopt);
}

TEST(ParseRfc3339, LeapYears) {
  EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z"), 1709164800);
  EXPECT_EQ(parse_rfc3339("2000-02-29T00:00:00Z"), 951782400);
  EXPECT_EQ(parse_rfc3339("2026-02-29T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("1900-02-29T00:00:00Z"), std::nullopt);
}

TEST(ParseRfc3339, InvalidDatesAndTimes) {
  EXPECT_EQ(parse_rfc3339("2026-04-31T10:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-13-01T10:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-00-01T10:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-00T10:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T24:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:60:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:60Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00+24:00"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00+02:60"), std::nullopt);
}

TEST(ParseRfc3339, MalformedText) {
  EXPECT_EQ(parse_rfc3339(""), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00"), std::nullopt);  // offset is mandatory
  EXPECT_EQ(parse_rfc3339("2026-04-01 10:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-4-01T10:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00+0200"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00+02"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T10:00:00Zjunk"), std::nullopt);
  EXPECT_EQ(parse_rfc3339(" 2026-04-01T10:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_rfc3339("2026-04-01T1a:00:00Z"), std::nullopt);
}

TEST(FormatRfc3339, FormatsUtc) {
  EXPECT_EQ(format_rfc3339_utc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339_utc(1775037600), "2026-04-01T10:00:00Z");
  EXPECT_EQ(format_rfc3339_utc(1709164800 + 3661), "2024-02-29T01:01:01Z");
  EXPECT_EQ(format_rfc3339_utc(-1), "1969-12-31T23:59:59Z");
}

TEST(FormatRfc3339, RoundTrips) {
  for (std::int64_t t :
       {std::int64_t{0}, std::int64_t{951782399}, std::int64_t{4102444799}, std::int64_t{-86401}}) {
    EXPECT_EQ(parse_rfc3339(format_rfc3339_utc(t)), t);
  }
}

TEST(FormatRfc3339, RejectsYearsOutsideFourDigits) {
  EXPECT_THROW(format_rfc3339_utc(253402300800), std::out_of_range);  // 10000-01-01
  EXPECT_EQ(format_rfc3339_utc(253402300799), "9999-12-31T23:59:59Z");
}

}  // namespace
}  // namespace samverkan::json

namespace samverkan::json {
namespace {

TEST(ParseRfc3339, KeepsToYearsPostgresAndFormatCanHold) {
  EXPECT_EQ(parse_rfc3339("0000-01-01T09:00:00Z"), std::nullopt);       // no year 0 in PostgreSQL
  EXPECT_EQ(parse_rfc3339("9999-12-31T23:00:00-23:00"), std::nullopt);  // year 10000 in UTC
  EXPECT_EQ(parse_rfc3339("0001-01-01T00:30:00+01:00"), std::nullopt);  // year 0 in UTC
  EXPECT_EQ(parse_rfc3339("0001-01-01T00:00:00Z"), std::int64_t{-62135596800});
  EXPECT_EQ(parse_rfc3339("9999-12-31T23:59:59Z"), std::int64_t{253402300799});
}

}  // namespace
}  // namespace samverkan::json
