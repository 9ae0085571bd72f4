#pragma once
// Sensitive categories in the indicators (ADR 0070): the programme's counts, summed over its
// cohorts' latest sensitive_counts.changed. Counts of approved enrolments, never per person.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace samverkan::reporting {

inline constexpr std::array<const char*, 3> kSensitiveCategories{"disability", "foreign_background",
                                                                 "minority"};
inline constexpr std::array<const char*, 4> kSensitiveAnswers{"yes", "no", "declined", "not_asked"};

// [category][answer] in the orders above.
using SensitiveCells = std::array<std::array<std::int64_t, 4>, 3>;

// The cells of every cohort added up; none when no cohort of the programme has counts (the
// programme does not collect sensitive categories, or nobody is approved yet).
std::optional<SensitiveCells> sum_sensitive_counts(const std::vector<SensitiveCells>& cohorts);

}  // namespace samverkan::reporting
