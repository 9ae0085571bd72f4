#include "local_time.hpp"

#include <array>
#include <cstdio>
#include <vector>

namespace samverkan::attendance::meeting_report {

namespace {

using namespace std::chrono;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// A run of digits at text[i]: its value and length (at most 4 digits are taken as a number).
struct Number {
  int value = 0;
  std::size_t digits = 0;
};
Number number_at(std::string_view text, std::size_t& i) {
  Number n;
  while (i < text.size() && is_digit(text[i]) && n.digits < 5) {
    n.value = n.value * 10 + (text[i] - '0');
    ++n.digits;
    ++i;
  }
  return n;
}

void skip_spaces(std::string_view text, std::size_t& i) {
  // Plain and no-break spaces (U+00A0, U+202F: some clients put them before AM/PM), and a comma.
  for (;;) {
    if (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '\t')) {
      ++i;
    } else if (text.substr(i, 2) == "\xC2\xA0") {
      i += 2;
    } else if (text.substr(i, 3) == "\xE2\x80\xAF") {
      i += 3;
    } else {
      return;
    }
  }
}

std::optional<year_month_day> date(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const year_month_day ymd{year(y), month(static_cast<unsigned>(m)), day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

bool within(const year_month_day& d, const Days& days) {
  return sys_days(d) >= sys_days(days.first) && sys_days(d) <= sys_days(days.last);
}

std::string text_of(const year_month_day& d) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buffer;
}

// AM/PM in its spellings: "am", "a.m.", "fm" (Swedish förmiddag); "pm", "p.m.", "em".
// 0 none, 1 AM, 2 PM, -1 something else.
int meridiem(std::string_view rest) {
  std::string letters;
  for (const char c : rest) {
    if (c != '.' && c != ' ') letters.push_back(lower(c));
  }
  if (letters.empty()) return 0;
  if (letters == "am" || letters == "fm") return 1;
  if (letters == "pm" || letters == "em") return 2;
  return -1;
}

}  // namespace

LocalSeconds local_seconds(year_month_day d, int hour, int minute, int second) {
  return static_cast<LocalSeconds>(sys_days(d).time_since_epoch().count()) * 86400 + hour * 3600 +
         minute * 60 + second;
}

year_month_day day_of(LocalSeconds t) {
  const auto days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  return year_month_day{sys_days{std::chrono::days{days}}};
}

std::optional<LocalSeconds> parse_local_time(std::string_view text, const Days& days,
                                             std::string& why) {
  why = "is not a date and time";
  std::size_t i = 0;
  skip_spaces(text, i);
  std::array<Number, 3> parts;
  char separator = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    parts[k] = number_at(text, i);
    if (parts[k].digits == 0 || parts[k].digits > 4) return std::nullopt;
    if (k == 2) break;
    if (i >= text.size()) return std::nullopt;
    const char c = text[i];
    if (c != '/' && c != '-' && c != '.') return std::nullopt;
    if (separator != 0 && c != separator) return std::nullopt;
    separator = c;
    ++i;
  }
  // The time: "T" or spaces (and a comma), then H:MM[:SS][.fff], then AM/PM.
  if (i < text.size() && (text[i] == 'T' || text[i] == 't')) {
    ++i;
  } else {
    if (i < text.size() && text[i] == '.') ++i;  // "10.03.2026." as some locales write it
    skip_spaces(text, i);
  }
  const auto hour = number_at(text, i);
  if (hour.digits == 0 || hour.digits > 2 || i >= text.size() || text[i] != ':')
    return std::nullopt;
  ++i;
  const auto minute = number_at(text, i);
  if (minute.digits != 2) return std::nullopt;
  Number second;
  if (i < text.size() && text[i] == ':') {
    ++i;
    second = number_at(text, i);
    if (second.digits != 2) return std::nullopt;
    if (i < text.size() && (text[i] == '.' || text[i] == ',') && i + 1 < text.size() &&
        is_digit(text[i + 1])) {
      ++i;
      while (i < text.size() && is_digit(text[i])) ++i;  // fractions are dropped
    }
  }
  skip_spaces(text, i);
  int h = hour.value;
  switch (meridiem(text.substr(i))) {
    case 0:
      if (h > 23) return std::nullopt;
      break;
    case 1:
      if (h < 1 || h > 12) return std::nullopt;
      if (h == 12) h = 0;
      break;
    case 2:
      if (h < 1 || h > 12) return std::nullopt;
      if (h != 12) h += 12;
      break;
    default:
      return std::nullopt;
  }
  if (minute.value > 59 || second.value > 59) return std::nullopt;

  // The candidates: Y-M-D when the year comes first; else M/D/Y and D/M/Y.
  std::vector<year_month_day> candidates;
  if (parts[0].digits == 4) {
    if (auto d = date(parts[0].value, parts[1].value, parts[2].value)) candidates.push_back(*d);
  } else if (parts[2].digits == 4 || parts[2].digits == 2) {
    const int y = parts[2].digits == 2 ? 2000 + parts[2].value : parts[2].value;
    if (auto d = date(y, parts[0].value, parts[1].value)) candidates.push_back(*d);
    if (auto d = date(y, parts[1].value, parts[0].value)) candidates.push_back(*d);
  }
  if (candidates.empty()) return std::nullopt;
  for (const auto& d : candidates) {
    if (within(d, days)) return local_seconds(d, h, minute.value, second.value);
  }
  why = "is " + text_of(candidates.front()) +
        (candidates.size() > 1 ? " or " + text_of(candidates.back()) : std::string()) +
        ", not the session's day " + text_of(days.first);
  return std::nullopt;
}

std::optional<std::int64_t> parse_duration_seconds(std::string_view text) {
  std::size_t i = 0;
  skip_spaces(text, i);
  const auto start = i;
  const auto first = number_at(text, i);
  if (first.digits == 0) return std::nullopt;
  if (i >= text.size() || text.substr(i).find_first_not_of(' ') == std::string_view::npos) {
    return static_cast<std::int64_t>(first.value) * 60;  // bare minutes (Zoom)
  }
  if (text[i] == ':') {  // H:MM:SS or MM:SS
    std::array<int, 3> v{first.value, 0, 0};
    std::size_t n = 1;
    while (i < text.size() && text[i] == ':' && n < 3) {
      ++i;
      const auto part = number_at(text, i);
      if (part.digits != 2 || part.value > 59) return std::nullopt;
      v[n++] = part.value;
    }
    if (i != text.size() || n < 2) return std::nullopt;
    return n == 3 ? v[0] * 3600LL + v[1] * 60 + v[2] : v[0] * 60LL + v[1];
  }
  // "1h 52m 3s", "1 h 2 min 3 sek", in any combination, each unit once.
  i = start;
  std::int64_t total = 0;
  bool any = false;
  while (i < text.size()) {
    skip_spaces(text, i);
    if (i >= text.size()) break;
    const auto n = number_at(text, i);
    if (n.digits == 0) return std::nullopt;
    skip_spaces(text, i);
    std::string unit;
    while (i < text.size() && !is_digit(text[i]) && text[i] != ' ')
      unit.push_back(lower(text[i++]));
    if (unit == "h" || unit == "hr" || unit == "hrs" || unit == "tim" || unit == "t") {
      total += n.value * 3600LL;
    } else if (unit == "m" || unit == "min" || unit == "mins") {
      total += n.value * 60LL;
    } else if (unit == "s" || unit == "sec" || unit == "sek" || unit == "secs") {
      total += n.value;
    } else {
      return std::nullopt;
    }
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

std::string rfc3339(LocalSeconds t, std::int64_t utc_offset_seconds) {
  const auto d = day_of(t);
  const auto s = t - local_seconds(d, 0, 0, 0);
  const auto offset = utc_offset_seconds < 0 ? -utc_offset_seconds : utc_offset_seconds;
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02d%c%02d:%02d", text_of(d).c_str(),
                static_cast<int>(s / 3600), static_cast<int>(s / 60 % 60), static_cast<int>(s % 60),
                utc_offset_seconds < 0 ? '-' : '+', static_cast<int>(offset / 3600),
                static_cast<int>(offset / 60 % 60));
  return buffer;
}

}  // namespace samverkan::attendance::meeting_report
