#include "../../domain/meeting_report/local_time.hpp"

#include <gtest/gtest.h>

namespace samverkan::attendance::meeting_report {
namespace {

using namespace std::chrono;

const Days kMarch10{2026y / 3 / 10, 2026y / 3 / 10};
LocalSeconds at(int h, int m, int s = 0) { return local_seconds(2026y / 3 / 10, h, m, s); }

std::optional<LocalSeconds> read(std::string_view text, const Days& days = kMarch10) {
  std::string why;
  return parse_local_time(text, days, why);
}
std::string why_not(std::string_view text, const Days& days = kMarch10) {
  std::string why;
  EXPECT_FALSE(parse_local_time(text, days, why)) << text;
  return why;
}

TEST(LocalTime, UsStyleWithTwoAndFourDigitYears) {
  EXPECT_EQ(read("3/10/26, 9:58:12 AM"), at(9, 58, 12));
  EXPECT_EQ(read("3/10/2026, 9:58:12 PM"), at(21, 58, 12));
  EXPECT_EQ(read("03/10/2026 08:58:12 AM"), at(8, 58, 12));
  EXPECT_EQ(read("3/10/26, 12:05:00 AM"), at(0, 5));
  EXPECT_EQ(read("3/10/26, 12:05:00 PM"), at(12, 5));
  EXPECT_EQ(read("3/10/26, 9:58:12\xE2\x80\xAF"
                 "AM"),
            at(9, 58, 12));  // narrow no-break space
  EXPECT_EQ(read("3/10/26 9:58 a.m."), at(9, 58));
}

TEST(LocalTime, IsoLikeAndEuropean) {
  EXPECT_EQ(read("2026-03-10 09:58:12"), at(9, 58, 12));
  EXPECT_EQ(read("2026-03-10T09:58:12"), at(9, 58, 12));
  EXPECT_EQ(read("2026-03-10 09:58:12.345"), at(9, 58, 12));
  EXPECT_EQ(read("10/03/2026 09:58"), at(9, 58));
  EXPECT_EQ(read("10.03.2026 09:58:12"), at(9, 58, 12));
  EXPECT_EQ(read("10.03.2026. 09:58"), at(9, 58));
  EXPECT_EQ(read("  2026-03-10 9:05 fm"), at(9, 5));
  EXPECT_EQ(read("2026-03-10 1:05 em"), at(13, 5));
}

TEST(LocalTime, TheSessionsDaySettlesDayAndMonthOrder) {
  // 3/10: 10 March read M/D, 3 October read D/M; the session's day decides.
  const Days october3{2026y / 10 / 3, 2026y / 10 / 3};
  EXPECT_EQ(read("3/10/26, 9:00:00 AM", october3), local_seconds(2026y / 10 / 3, 9, 0, 0));
  EXPECT_EQ(read("10/3/26 09:00", october3), local_seconds(2026y / 10 / 3, 9, 0, 0));
  // A reading on another day is refused, naming both readings.
  EXPECT_EQ(why_not("3/11/26, 9:00:00 AM"),
            "is 2026-03-11 or 2026-11-03, not the session's day 2026-03-10");
  EXPECT_EQ(why_not("2026-03-11 09:00"), "is 2026-03-11, not the session's day 2026-03-10");
  // A window over midnight takes both its days.
  const Days overnight{2026y / 3 / 10, 2026y / 3 / 11};
  EXPECT_EQ(read("2026-03-11 00:30", overnight), local_seconds(2026y / 3 / 11, 0, 30, 0));
}

TEST(LocalTime, NotADateAndTime) {
  for (const char* text :
       {"", "yesterday", "2026-03-10", "09:58:12", "2026-03-10 25:00", "2026-03-10 09:60",
        "2026-03-10 09:5", "3/10/26, 13:00 PM", "3/10/26, 0:00 AM", "2026-02-30 09:00",
        "2026/03-10 09:00", "3/10/123 09:00", "2026-03-10 09:58 xm", "12345-03-10 09:00",
        "2026-03-10 09:58:60", "2026-13-10 09:00"}) {
    EXPECT_EQ(why_not(text), "is not a date and time") << text;
  }
}

TEST(LocalTime, Durations) {
  EXPECT_EQ(parse_duration_seconds("1h 52m 3s"), 6723);
  EXPECT_EQ(parse_duration_seconds("52m 3s"), 3123);
  EXPECT_EQ(parse_duration_seconds("45s"), 45);
  EXPECT_EQ(parse_duration_seconds("1 tim 20 min"), 4800);
  EXPECT_EQ(parse_duration_seconds("2 min 5 sek"), 125);
  EXPECT_EQ(parse_duration_seconds("112"), 112 * 60);
  EXPECT_EQ(parse_duration_seconds(" 30 "), 30 * 60);
  EXPECT_EQ(parse_duration_seconds("01:52:03"), 6723);
  EXPECT_EQ(parse_duration_seconds("52:03"), 3123);
  for (const char* text : {"", "abc", "1x", "1:5", "1:60", "1:02:03:04", "h", "1h x"}) {
    EXPECT_FALSE(parse_duration_seconds(text)) << text;
  }
}

TEST(LocalTime, Rfc3339WithTheZonesOffset) {
  EXPECT_EQ(rfc3339(at(9, 58, 12), 3600), "2026-03-10T09:58:12+01:00");
  EXPECT_EQ(rfc3339(at(0, 0), -(4 * 3600 + 1800)), "2026-03-10T00:00:00-04:30");
  EXPECT_EQ(rfc3339(local_seconds(1969y / 12 / 31, 23, 59, 59), 0), "1969-12-31T23:59:59+00:00");
  EXPECT_EQ(day_of(at(23, 59, 59)), 2026y / 3 / 10);
}

}  // namespace
}  // namespace samverkan::attendance::meeting_report
