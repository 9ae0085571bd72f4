#include "time.hpp"

#include <cstdio>

namespace samverkan::enrolment {

namespace {
bool digits(std::string_view text, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}
int number(std::string_view text, std::size_t from, std::size_t count) {
  int value = 0;
  for (std::size_t i = from; i < from + count; ++i) value = value * 10 + (text[i] - '0');
  return value;
}
}  // namespace

std::optional<Date> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!digits(text, 0, 4) || !digits(text, 5, 2) || !digits(text, 8, 2)) return std::nullopt;
  const std::chrono::year_month_day day{
      std::chrono::year{number(text, 0, 4)},
      std::chrono::month{static_cast<unsigned>(number(text, 5, 2))},
      std::chrono::day{static_cast<unsigned>(number(text, 8, 2))}};
  if (!day.ok()) return std::nullopt;
  return Date{day};
}

std::string format_date(Date date) {
  const std::chrono::year_month_day day{date};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

std::string format_timestamp(Timestamp at) {
  const Date date = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::hh_mm_ss time{at - date};
  char text[32];
  std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d.%03dZ", format_date(date).c_str(),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()),
                static_cast<int>(time.subseconds().count()));
  return text;
}

Date day_of(Timestamp at) { return std::chrono::floor<std::chrono::days>(at); }

}  // namespace samverkan::enrolment
