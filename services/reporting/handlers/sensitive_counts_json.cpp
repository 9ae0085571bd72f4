#include "sensitive_counts_json.hpp"

#include <boost/json/object.hpp>

namespace samverkan::reporting {

boost::json::value sensitive_counts_json(const std::optional<SensitiveCells>& cells,
                                         const std::optional<Suppression>& pseudonymised) {
  if (!cells) return nullptr;
  boost::json::object out;
  for (std::size_t c = 0; c < kSensitiveCategories.size(); ++c) {
    boost::json::object answers;
    for (std::size_t a = 0; a < kSensitiveAnswers.size(); ++a) {
      const auto count = (*cells)[c][a];
      const bool hidden = pseudonymised && suppressed(count, *pseudonymised);
      answers[kSensitiveAnswers[a]] = boost::json::object{
          {"count", hidden ? boost::json::value(nullptr) : count}, {"suppressed", hidden}};
    }
    out[kSensitiveCategories[c]] = std::move(answers);
  }
  return out;
}

}  // namespace samverkan::reporting
