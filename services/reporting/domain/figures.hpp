#pragma once
// Report figures as pure functions: what one attendance record adds to a total, which statuses
// count as attended, and how minutes read as hours. Free of HTTP, SQL and Kafka.
#include <cstdint>
#include <string>
#include <string_view>

namespace samverkan::reporting {

// Statuses whose session counts as attended. Excused and absent sessions carry no minutes.
bool counts_as_attended(std::string_view status);

// The figures of any number of attendance records: how many of each status, and their minutes.
// "other" counts statuses this version does not know yet (a tolerant reader accepts new enum
// values); they add their minutes but are never attended.
struct Tally {
  std::int64_t present = 0, late = 0, excused = 0, absent = 0, other = 0, minutes = 0;

  [[nodiscard]] std::int64_t attended() const { return present + late; }
  [[nodiscard]] std::int64_t records() const { return present + late + excused + absent + other; }
  [[nodiscard]] bool zero() const { return *this == Tally{}; }

  Tally& operator+=(const Tally& o);
  Tally& operator-=(const Tally& o);
  friend Tally operator+(Tally a, const Tally& b) { return a += b; }
  friend Tally operator-(Tally a, const Tally& b) { return a -= b; }
  friend bool operator==(const Tally&, const Tally&) = default;
};

// `records` records of one status with `minutes` in all (1 and the record's minutes for one
// record).
Tally tally_of(std::string_view status, std::int64_t records, std::int64_t minutes);

// Minutes as hours rounded to two decimals (half away from zero), written as a JSON number with
// exactly two decimals: 300 -> "5.00", 1 -> "0.02". Text, so clients see the decimals as written.
std::string hours_text(std::int64_t minutes);

}  // namespace samverkan::reporting
