#include "formats.hpp"

namespace samverkan::events {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// Reads two digits at text[at] as a number in [lo, hi].
bool two_digits(std::string_view text, std::size_t at, int lo, int hi) {
  if (at + 2 > text.size() || !digit(text[at]) || !digit(text[at + 1])) return false;
  const int value = (text[at] - '0') * 10 + (text[at + 1] - '0');
  return value >= lo && value <= hi;
}

// HH:MM at text[at], hours 00-23, minutes 00-59.
bool hours_minutes(std::string_view text, std::size_t at) {
  return two_digits(text, at, 0, 23) && at + 2 < text.size() && text[at + 2] == ':' &&
         two_digits(text, at + 3, 0, 59);
}

}  // namespace

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position ? c != '-' : !(digit(c) || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool is_date(std::string_view text) {
  return text.size() == 10 && digit(text[0]) && digit(text[1]) && digit(text[2]) &&
         digit(text[3]) && text[4] == '-' && two_digits(text, 5, 1, 12) && text[7] == '-' &&
         two_digits(text, 8, 1, 31);
}

bool is_date_time(std::string_view text) {
  // "YYYY-MM-DDTHH:MM:SS" is 19 bytes; the shortest valid value adds "Z".
  if (text.size() < 20 || text.size() > kMaxDateTimeLength) return false;
  if (!is_date(text.substr(0, 10)) || text[10] != 'T' || !hours_minutes(text, 11) ||
      text[16] != ':' || !two_digits(text, 17, 0, 59)) {
    return false;
  }
  std::size_t at = 19;
  if (text[at] == '.') {
    const std::size_t first = ++at;
    while (at < text.size() && digit(text[at])) ++at;
    if (at == first) return false;
  }
  if (at < text.size() && text[at] == 'Z') return at + 1 == text.size();
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    return at + 6 == text.size() && hours_minutes(text, at + 1);
  }
  return false;
}

}  // namespace samverkan::events
