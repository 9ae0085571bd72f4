#include "cofinancing.hpp"

#include <algorithm>
#include <samverkan/csv/writer.hpp>
#include <tuple>

#include "figures.hpp"

namespace samverkan::reporting {

std::optional<Rounding> rounding_from(std::string_view text) {
  if (text == "minutes") return Rounding::Minutes;
  if (text == "whole_hours_down") return Rounding::WholeHoursDown;
  if (text == "started_hour_up") return Rounding::StartedHourUp;
  if (text == "minutes_per_row") return Rounding::MinutesPerRow;
  return std::nullopt;
}

const char* to_string(Rounding rounding) {
  switch (rounding) {
    case Rounding::WholeHoursDown:
      return "whole_hours_down";
    case Rounding::StartedHourUp:
      return "started_hour_up";
    case Rounding::MinutesPerRow:
      return "minutes_per_row";
    case Rounding::Minutes:
      break;
  }
  return "minutes";
}

std::optional<std::int64_t> parse_money(std::string_view text) {
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  const auto part = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  const auto digits = [](std::string_view t) {
    return std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (whole.empty() || whole.size() > 9 || !digits(whole)) return std::nullopt;
  if (dot != std::string_view::npos && (part.empty() || part.size() > 2 || !digits(part))) {
    return std::nullopt;
  }
  std::int64_t minor = 0;
  for (const char c : whole) minor = minor * 10 + (c - '0');
  minor *= 100;
  if (!part.empty()) minor += (part[0] - '0') * 10 + (part.size() == 2 ? part[1] - '0' : 0);
  return minor;
}

std::string money_text(std::int64_t minor) {
  if (minor < 0) return "-" + money_text(-minor);
  const auto cents = minor % 100;
  return std::to_string(minor / 100) + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

std::optional<UnitRate> rate_in_force(const std::vector<UnitRate>& rates, const std::string& date) {
  std::optional<UnitRate> found;
  for (const auto& rate : rates) {
    if (rate.valid_from <= date && (!found || rate.valid_from > found->valid_from)) found = rate;
  }
  return found;
}

std::int64_t counted_minutes(std::int64_t minutes, Rounding rounding) {
  switch (rounding) {
    case Rounding::WholeHoursDown:
      return minutes / 60 * 60;
    case Rounding::StartedHourUp:
      return (minutes + 59) / 60 * 60;
    case Rounding::Minutes:
    case Rounding::MinutesPerRow:
      break;
  }
  return minutes;
}

std::int64_t amount_minor(std::int64_t counted, std::int64_t per_hour_minor) {
  return (counted * per_hour_minor + 30) / 60;
}

std::vector<CofinancingRow> cofinancing_rows(std::vector<ConfirmedMonth> months,
                                             const UnitCosts& costs) {
  std::sort(months.begin(), months.end(), [](const auto& a, const auto& b) {
    return std::tie(a.organisation_id, a.month, a.participant_id) <
           std::tie(b.organisation_id, b.month, b.participant_id);
  });
  std::vector<CofinancingRow> rows;
  for (const auto& m : months) {
    if (rows.empty() || rows.back().organisation_id != m.organisation_id ||
        rows.back().month != m.month) {
      CofinancingRow row{m.organisation_id, m.month};
      if (const auto rate = rate_in_force(costs.rates, m.month + "-01")) {
        row.per_hour_minor = rate->per_hour_minor;
        row.amount_minor = 0;
      }
      rows.push_back(std::move(row));
    }
    auto& row = rows.back();
    const auto counted = counted_minutes(m.session_minutes + m.self_study_minutes, costs.rounding);
    ++row.participants;
    row.session_minutes += m.session_minutes;
    row.self_study_minutes += m.self_study_minutes;
    row.counted_minutes += counted;
    if (row.per_hour_minor && costs.rounding != Rounding::MinutesPerRow) {
      *row.amount_minor += amount_minor(counted, *row.per_hour_minor);
    }
  }
  // Rounded once, on the row's total time.
  if (costs.rounding == Rounding::MinutesPerRow) {
    for (auto& row : rows) {
      if (row.per_hour_minor)
        row.amount_minor = amount_minor(row.counted_minutes, *row.per_hour_minor);
    }
  }
  return rows;
}

std::string cofinancing_header(const ExportFormat& format) {
  csv::Writer w(format.separator, true);
  for (const auto* c : {"organisation_id", "month", "participants", "confirmed_session_hours",
                        "confirmed_self_study_hours", "counted_hours", "rounding", "currency",
                        "rate_per_hour", "amount"}) {
    w.text(c);
  }
  w.end_row();
  return w.str();
}

std::string cofinancing_row(const CofinancingRow& r, const UnitCosts& costs,
                            const ExportFormat& format) {
  csv::Writer w(format.separator, false);
  w.text(r.organisation_id)
      .text(r.month)
      .number(r.participants)
      .text(hours_text(r.session_minutes))
      .text(hours_text(r.self_study_minutes))
      .text(hours_text(r.counted_minutes))
      .text(to_string(costs.rounding))
      .text(costs.currency)
      .text(r.per_hour_minor ? money_text(*r.per_hour_minor) : "")
      .text(r.amount_minor ? money_text(*r.amount_minor) : "")
      .end_row();
  return w.str();
}

}  // namespace samverkan::reporting

namespace samverkan::reporting {

bool is_calendar_date(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i != 4 && i != 7 && (t[i] < '0' || t[i] > '9')) return false;
  }
  const auto number = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

}  // namespace samverkan::reporting
