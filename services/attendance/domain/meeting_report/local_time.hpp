#pragma once
// Times as meeting reports write them: the downloading client's locale, no time zone. They are
// read as wall-clock seconds in the session's own zone ("local seconds": seconds since
// 1970-01-01T00:00 of that wall clock), which is all the presence rules need; the zone's offset
// turns one into an instant only for display (rfc3339). ADR 0051.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::attendance::meeting_report {

using LocalSeconds = std::int64_t;

LocalSeconds local_seconds(std::chrono::year_month_day day, int hour, int minute, int second);
std::chrono::year_month_day day_of(LocalSeconds t);

// The days a reading may land on: the session's window, from its first to its last local day.
struct Days {
  std::chrono::year_month_day first, last;
};

// Reads a date and time such as "3/10/26, 9:58:12 AM", "2026-03-10 09:58:12", "10/03/2026 09:58",
// "10.03.2026 09:58:12", "2026-03-10T09:58:12", with AM/PM (also a.m./p.m., fm/em) or 24-hour
// time and optional seconds. A year first is Y-M-D; otherwise both M/D/Y and D/M/Y are tried and
// the session's days settle which (two-digit years are 20YY). nullopt with `why` set when the text
// is no date and time, or when no reading lands on one of `days`.
std::optional<LocalSeconds> parse_local_time(std::string_view text, const Days& days,
                                             std::string& why);

// "1h 52m 3s", "52m 3s", "45s", "1 h 2 min", "01:52:03", "112" (minutes): seconds, or nullopt.
std::optional<std::int64_t> parse_duration_seconds(std::string_view text);

// The local time as RFC 3339 with the zone's UTC offset, e.g. "2026-03-10T09:58:12+01:00".
std::string rfc3339(LocalSeconds t, std::int64_t utc_offset_seconds);

}  // namespace samverkan::attendance::meeting_report
