#include "events.hpp"

namespace samverkan::reporting {

std::optional<StoredCompletion> next_completion(const StoredCompletion& stored, bool complete,
                                                const std::optional<std::string>& completed_on) {
  const auto on = complete ? completed_on : std::nullopt;
  if (stored.complete == complete && stored.completed_on == on) return std::nullopt;
  StoredCompletion next = stored;
  next.complete = complete;
  next.completed_on = on;
  next.version = stored.version + 1;
  return next;
}

}  // namespace samverkan::reporting
