#include <chrono>
#include <cstdio>
#include <samverkan/json/reader.hpp>
#include <stdexcept>

namespace samverkan::json {

namespace {

// Reads exactly `width` ASCII digits at `pos`, advancing it; nullopt on anything else.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < width; ++i) {
    const char c = text[pos + i];
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  pos += width;
  return value;
}

// Consumes `expected` at `pos`. Letters are given in lower case and match either case, because
// RFC 3339 section 5.6 allows "t" and "z" as well as "T" and "Z".
bool expect(std::string_view text, std::size_t& pos, char expected) {
  if (pos >= text.size()) return false;
  const char c = text[pos];
  const bool is_letter = expected >= 'a' && expected <= 'z';
  const bool match = c == expected || (is_letter && c == expected - 'a' + 'A');
  if (match) ++pos;
  return match;
}

}  // namespace

std::optional<std::int64_t> parse_rfc3339(std::string_view text) {
  using namespace std::chrono;
  std::size_t pos = 0;
  const auto y = digits(text, pos, 4);
  if (!y || !expect(text, pos, '-')) return std::nullopt;
  const auto mo = digits(text, pos, 2);
  if (!mo || !expect(text, pos, '-')) return std::nullopt;
  const auto d = digits(text, pos, 2);
  if (!d || !expect(text, pos, 't')) return std::nullopt;
  const auto h = digits(text, pos, 2);
  if (!h || !expect(text, pos, ':')) return std::nullopt;
  const auto mi = digits(text, pos, 2);
  if (!mi || !expect(text, pos, ':')) return std::nullopt;
  const auto s = digits(text, pos, 2);
  if (!s) return std::nullopt;
  if (expect(text, pos, '.')) {
    // Sub-second precision is accepted but truncated: the domain works in whole seconds.
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
  }

  int offset_seconds = 0;
  if (expect(text, pos, 'z')) {
    offset_seconds = 0;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    const int sign = text[pos] == '+' ? 1 : -1;
    ++pos;
    const auto oh = digits(text, pos, 2);
    if (!oh || !expect(text, pos, ':')) return std::nullopt;
    const auto om = digits(text, pos, 2);
    if (!om || *oh > 23 || *om > 59) return std::nullopt;
    offset_seconds = sign * (*oh * 3600 + *om * 60);
  } else {
    return std::nullopt;
  }
  if (pos != text.size()) return std::nullopt;

  // Leap seconds (":60") are rejected: epoch seconds cannot represent them.
  if (*h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok()) return std::nullopt;  // covers month range, days in month and leap years

  const auto midnight = sys_days{date}.time_since_epoch();
  const auto local = duration_cast<seconds>(midnight) + hours{*h} + minutes{*mi} + seconds{*s};
  const std::int64_t utc = local.count() - offset_seconds;
  // Years 0001-9999 in UTC: what PostgreSQL stores and format_rfc3339_utc can write back.
  constexpr std::int64_t kFirst = -62135596800;  // 0001-01-01T00:00:00Z
  constexpr std::int64_t kLast = 253402300799;   // 9999-12-31T23:59:59Z
  if (utc < kFirst || utc > kLast) return std::nullopt;
  return utc;
}

std::string format_rfc3339_utc(std::int64_t epoch_seconds) {
  using namespace std::chrono;
  const sys_seconds instant{seconds{epoch_seconds}};
  const auto midnight = floor<days>(instant);
  const year_month_day date{midnight};
  const hh_mm_ss time{instant - midnight};
  const int y = static_cast<int>(date.year());
  if (!date.ok() || y < 0 || y > 9999) {
    throw std::out_of_range("timestamp outside the RFC 3339 year range 0000-9999");
  }
  // Sized for the widest values the types allow, so the compiler can prove nothing is truncated.
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", y,
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

}  // namespace samverkan::json
