#include "sensitive_counts.hpp"

namespace samverkan::reporting {

std::optional<SensitiveCells> sum_sensitive_counts(const std::vector<SensitiveCells>& cohorts) {
  if (cohorts.empty()) return std::nullopt;
  SensitiveCells total{};
  for (const auto& cells : cohorts) {
    for (std::size_t c = 0; c < total.size(); ++c) {
      for (std::size_t a = 0; a < total[c].size(); ++a) total[c][a] += cells[c][a];
    }
  }
  return total;
}

}  // namespace samverkan::reporting
