#pragma once
// The JSON Schema `format` values event schemas use, as plain loops: no std::regex (it recurses
// per character and overflows the stack on long input) and no allocation.
#include <string_view>

namespace samverkan::events {

// Lower-case 8-4-4-4-12 hex, as our services write them.
bool is_uuid(std::string_view text);
// YYYY-MM-DD, month 01-12, day 01-31 (the day is not checked against the month's length).
bool is_date(std::string_view text);
// RFC 3339 date-time with upper-case T and Z: date, THH:MM:SS, optional .fraction, then Z or
// +HH:MM / -HH:MM. At most kMaxDateTimeLength bytes, so the fraction cannot be arbitrarily long.
bool is_date_time(std::string_view text);
inline constexpr std::size_t kMaxDateTimeLength = 64;

}  // namespace samverkan::events
