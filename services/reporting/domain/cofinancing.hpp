#pragma once
// The co-financing export (issue 9 §3; funders.md "Time and hours"): participants' certified
// hours valued at a funder's unit cost per hour. Only months whose time statement is confirmed
// count. The rate in force is the one with the latest valid_from on or before the month's first
// day, so a new rate applies from the first whole month after it. The funder's rounding rule
// applies to each participant's month (their time statement), and a row is the sum of its
// participants' months. Money is held in integer minor units (öre, cent), never in floating point.
// Free of HTTP and SQL.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exports.hpp"

namespace samverkan::reporting {

enum class Rounding {
  Minutes,         // "minutes": every minute counts; the amount rounded half-up to a minor unit
  WholeHoursDown,  // "whole_hours_down": whole hours only, the rest dropped
  StartedHourUp,   // "started_hour_up": every started hour counts as one (no time: none)
  MinutesPerRow,   // "minutes_per_row": every minute counts; the amount rounded once per row
};
std::optional<Rounding> rounding_from(std::string_view text);
const char* to_string(Rounding rounding);

// A decimal amount with at most two decimals ("512", "512.5", "512.00"; up to 9 integer digits) in
// minor units; nullopt for anything else (signs, exponents, commas, more decimals).
std::optional<std::int64_t> parse_money(std::string_view text);
std::string money_text(std::int64_t minor);  // 51200 -> "512.00"

struct UnitRate {
  std::string valid_from;  // YYYY-MM-DD
  std::int64_t per_hour_minor = 0;
};

struct UnitCosts {
  std::string funder, currency;
  Rounding rounding = Rounding::Minutes;
  std::vector<UnitRate> rates;  // by valid_from, no two alike
};

// The rate in force on the date: the latest valid_from on or before it; none before the first.
std::optional<UnitRate> rate_in_force(const std::vector<UnitRate>& rates, const std::string& date);

// The minutes a participant's month counts for under the rule.
std::int64_t counted_minutes(std::int64_t minutes, Rounding rounding);
// A participant's month's amount in minor units: counted minutes x rate per hour / 60, half-up.
std::int64_t amount_minor(std::int64_t counted, std::int64_t per_hour_minor);

// One participant's confirmed month.
struct ConfirmedMonth {
  std::string organisation_id, month, participant_id;  // month: YYYY-MM
  std::int64_t session_minutes = 0, self_study_minutes = 0;
};

// One organisation's month. Without a rate in force, rate and amount are none.
struct CofinancingRow {
  std::string organisation_id, month;
  std::int64_t participants = 0, session_minutes = 0, self_study_minutes = 0, counted_minutes = 0;
  std::optional<std::int64_t> per_hour_minor, amount_minor;
};

// Rows by organisation, then month, whatever the input's order.
std::vector<CofinancingRow> cofinancing_rows(std::vector<ConfirmedMonth> months,
                                             const UnitCosts& costs);

std::string cofinancing_header(const ExportFormat& format);
std::string cofinancing_row(const CofinancingRow& row, const UnitCosts& costs,
                            const ExportFormat& format);

}  // namespace samverkan::reporting

namespace samverkan::reporting {
// YYYY-MM-DD with a month 01..12 and a day that month has.
bool is_calendar_date(std::string_view text);
}  // namespace samverkan::reporting
