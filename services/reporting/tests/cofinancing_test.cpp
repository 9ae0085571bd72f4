// Co-financing: money as decimal strings in minor units, the rate in force by the month's first
// day (a change mid-period), each rounding rule, only what is given (confirmed months) counted.
#include "../domain/cofinancing.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

TEST(Money, ParsesDecimalStringsIntoMinorUnits) {
  EXPECT_EQ(parse_money("512.00"), 51200);
  EXPECT_EQ(parse_money("512.5"), 51250);
  EXPECT_EQ(parse_money("512"), 51200);
  EXPECT_EQ(parse_money("0.07"), 7);
  EXPECT_EQ(parse_money("999999999.99"), 99999999999);
  for (const char* bad : {"", ".5", "5.", "5.001", "-5", "+5", "5,00", "1e3", "1234567890", "a"}) {
    EXPECT_EQ(parse_money(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(money_text(51200), "512.00");
  EXPECT_EQ(money_text(7), "0.07");
  EXPECT_EQ(money_text(-150), "-1.50");
}

TEST(Rounding, NamesRoundTrip) {
  for (const auto r : {Rounding::Minutes, Rounding::WholeHoursDown, Rounding::StartedHourUp,
                       Rounding::MinutesPerRow}) {
    EXPECT_EQ(rounding_from(to_string(r)), r);
  }
  EXPECT_EQ(rounding_from("half_hours"), std::nullopt);
}

TEST(Rounding, EachRuleCountsAParticipantsMonth) {
  EXPECT_EQ(counted_minutes(150, Rounding::Minutes), 150);
  EXPECT_EQ(counted_minutes(150, Rounding::WholeHoursDown), 120);
  EXPECT_EQ(counted_minutes(59, Rounding::WholeHoursDown), 0);
  EXPECT_EQ(counted_minutes(150, Rounding::StartedHourUp), 180);
  EXPECT_EQ(counted_minutes(1, Rounding::StartedHourUp), 60);
  EXPECT_EQ(counted_minutes(120, Rounding::StartedHourUp), 120);
  EXPECT_EQ(counted_minutes(0, Rounding::StartedHourUp), 0);
  EXPECT_EQ(counted_minutes(150, Rounding::MinutesPerRow), 150);
}

TEST(Rounding, AnAmountIsRoundedHalfUpToAMinorUnit) {
  // 1 minute at 512.00/h = 853.33.. öre; 1 minute at 0.30/h = 0.5 öre -> 1.
  EXPECT_EQ(amount_minor(1, 51200), 853);
  EXPECT_EQ(amount_minor(1, 30), 1);
  EXPECT_EQ(amount_minor(1, 29), 0);
  EXPECT_EQ(amount_minor(90, 51200), 76800);
}

TEST(RateInForce, TheLatestValidFromOnOrBeforeTheDate) {
  const std::vector<UnitRate> rates{{"2026-01-01", 51200}, {"2026-07-01", 53000}};
  EXPECT_EQ(rate_in_force(rates, "2025-12-01"), std::nullopt);
  EXPECT_EQ(rate_in_force(rates, "2026-01-01")->per_hour_minor, 51200);
  EXPECT_EQ(rate_in_force(rates, "2026-06-01")->per_hour_minor, 51200);
  EXPECT_EQ(rate_in_force(rates, "2026-07-01")->per_hour_minor, 53000);
  EXPECT_EQ(rate_in_force({}, "2026-07-01"), std::nullopt);
}

UnitCosts costs(Rounding rounding) {
  // A new rate from 15 June: June still at the old one, July at the new.
  return {"ESF+", "SEK", rounding, {{"2026-01-01", 51200}, {"2026-06-15", 53000}}};
}

const std::vector<ConfirmedMonth> kMonths{
    {"o2", "2026-06", "p3", 60, 0}, {"o1", "2026-07", "p1", 90, 30},
    {"o1", "2026-06", "p2", 45, 0}, {"o1", "2026-06", "p1", 100, 0},
    {"o1", "2025-12", "p1", 60, 0},
};

TEST(Cofinancing, MinutesRuleSumsParticipantsAmountsAndTakesTheRateByMonth) {
  const auto rows = cofinancing_rows(kMonths, costs(Rounding::Minutes));
  ASSERT_EQ(rows.size(), 4u);
  // Sorted by organisation, then month; December 2025 has no rate in force.
  EXPECT_EQ(rows[0].month, "2025-12");
  EXPECT_EQ(rows[0].per_hour_minor, std::nullopt);
  EXPECT_EQ(rows[0].amount_minor, std::nullopt);
  EXPECT_EQ(rows[1].month, "2026-06");
  EXPECT_EQ(rows[1].participants, 2);
  EXPECT_EQ(rows[1].counted_minutes, 145);
  EXPECT_EQ(rows[1].per_hour_minor, 51200);
  // 100 min: 85333.3 -> 85333; 45 min: 38400.
  EXPECT_EQ(rows[1].amount_minor, 85333 + 38400);
  EXPECT_EQ(rows[2].month, "2026-07");
  EXPECT_EQ(rows[2].session_minutes, 90);
  EXPECT_EQ(rows[2].self_study_minutes, 30);
  EXPECT_EQ(rows[2].per_hour_minor, 53000);
  EXPECT_EQ(rows[2].amount_minor, 106000);
  EXPECT_EQ(rows[3].organisation_id, "o2");
  EXPECT_EQ(rows[3].amount_minor, 51200);
}

TEST(Cofinancing, WholeHoursDownDropsEachParticipantsPartHour) {
  const auto rows = cofinancing_rows(kMonths, costs(Rounding::WholeHoursDown));
  // June, o1: 100 min -> 60, 45 min -> 0: one hour, not two.
  EXPECT_EQ(rows[1].counted_minutes, 60);
  EXPECT_EQ(rows[1].amount_minor, 51200);
  EXPECT_EQ(rows[2].counted_minutes, 120);
}

TEST(Cofinancing, StartedHourUpCountsEachStartedHour) {
  const auto rows = cofinancing_rows(kMonths, costs(Rounding::StartedHourUp));
  // June, o1: 100 min -> 120, 45 min -> 60.
  EXPECT_EQ(rows[1].counted_minutes, 180);
  EXPECT_EQ(rows[1].amount_minor, 3 * 51200);
}

TEST(Cofinancing, MinutesPerRowRoundsTheRowsTotalOnce) {
  // Two participant-months of 1 minute at 0.30/h: 0.5 öre each. Per participant-month each
  // rounds up to 1 (2 in all); per row, 1 öre for the row's 2 minutes.
  const std::vector<ConfirmedMonth> months{{"o1", "2026-06", "p1", 1, 0},
                                           {"o1", "2026-06", "p2", 1, 0}};
  const UnitCosts per_row{"ESF+", "SEK", Rounding::MinutesPerRow, {{"2026-01-01", 30}}};
  auto per_participant = per_row;
  per_participant.rounding = Rounding::Minutes;
  EXPECT_EQ(cofinancing_rows(months, per_participant)[0].amount_minor, 2);
  EXPECT_EQ(cofinancing_rows(months, per_row)[0].amount_minor, 1);
  EXPECT_EQ(cofinancing_rows(months, per_row)[0].counted_minutes, 2);
  // Without a rate in force there is still no amount.
  EXPECT_EQ(cofinancing_rows({{"o1", "2025-06", "p1", 60, 0}}, per_row)[0].amount_minor,
            std::nullopt);
}

TEST(Cofinancing, TheRowIsWrittenWithMoneyAsDecimals) {
  const auto c = costs(Rounding::Minutes);
  const auto rows = cofinancing_rows(kMonths, c);
  EXPECT_EQ(cofinancing_row(rows[1], c, {';'}),
            "o1;2026-06;2;2.42;0.00;2.42;minutes;SEK;512.00;1237.33\r\n");
  EXPECT_EQ(cofinancing_row(rows[0], c, {}), "o1,2025-12,1,1.00,0.00,1.00,minutes,SEK,,\r\n");
  EXPECT_EQ(cofinancing_header({}).rfind("\xEF\xBB\xBForganisation_id,month,participants,", 0), 0u);
}

}  // namespace
}  // namespace samverkan::reporting

namespace samverkan::reporting {
namespace {

TEST(CalendarDate, OnlyDaysTheMonthHas) {
  EXPECT_TRUE(is_calendar_date("2026-01-31"));
  EXPECT_TRUE(is_calendar_date("2024-02-29"));
  EXPECT_TRUE(is_calendar_date("2000-02-29"));
  EXPECT_FALSE(is_calendar_date("1900-02-29"));
  EXPECT_FALSE(is_calendar_date("2026-02-29"));
  EXPECT_FALSE(is_calendar_date("2026-04-31"));
  EXPECT_FALSE(is_calendar_date("2026-13-01"));
  EXPECT_FALSE(is_calendar_date("2026-01-00"));
  EXPECT_FALSE(is_calendar_date("2026-1-01"));
  EXPECT_FALSE(is_calendar_date("2026-01-0a"));
}

}  // namespace
}  // namespace samverkan::reporting
