#include "figures.hpp"

namespace samverkan::reporting {

bool counts_as_attended(std::string_view status) { return status == "present" || status == "late"; }

Tally& Tally::operator+=(const Tally& o) {
  present += o.present;
  late += o.late;
  excused += o.excused;
  absent += o.absent;
  other += o.other;
  minutes += o.minutes;
  return *this;
}

Tally& Tally::operator-=(const Tally& o) {
  present -= o.present;
  late -= o.late;
  excused -= o.excused;
  absent -= o.absent;
  other -= o.other;
  minutes -= o.minutes;
  return *this;
}

Tally tally_of(std::string_view status, std::int64_t records, std::int64_t minutes) {
  Tally t;
  if (status == "present") {
    t.present = records;
  } else if (status == "late") {
    t.late = records;
  } else if (status == "excused") {
    t.excused = records;
  } else if (status == "absent") {
    t.absent = records;
  } else {
    t.other = records;
  }
  t.minutes = minutes;
  return t;
}

std::string hours_text(std::int64_t minutes) {
  if (minutes < 0) return "-" + hours_text(-minutes);
  // minutes * 100 / 60 hundredths, rounded: never exactly half, since 10 * minutes mod 6 is
  // never 3.
  const std::int64_t hundredths = (minutes * 10 + 3) / 6;
  const std::int64_t cents = hundredths % 100;
  return std::to_string(hundredths / 100) + (cents < 10 ? ".0" : ".") + std::to_string(cents);
}

}  // namespace samverkan::reporting
