#pragma once
// The one event reporting emits: a participant's completion of a cohort changed (completed, or a
// correction undid it). Its schema is schemas/events/<kType>.json; the service checks at startup
// that it is there.
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <samverkan/events/typed_event.hpp>
#include <string>
#include <string_view>

namespace samverkan::reporting {

struct StoredCompletion {
  std::string federation_id, participant_id, cohort_id, programme_id;
  bool complete = false;
  std::optional<std::string> completed_on;
  std::int64_t version = 0;  // 0: never stored (not complete)
};

struct CompletionChanged {
  static constexpr std::string_view kType = "se.samverkan.reporting.completion.changed.v1";
  static constexpr std::string_view kAggregateType = "completion";
  StoredCompletion completion;
  [[nodiscard]] std::string aggregate_id() const { return completion.participant_id; }
  [[nodiscard]] boost::json::object data() const {
    const auto& c = completion;
    return {{"federation_id", c.federation_id},
            {"participant_id", c.participant_id},
            {"cohort_id", c.cohort_id},
            {"programme_id", c.programme_id},
            {"complete", c.complete},
            {"completed_on",
             c.completed_on ? boost::json::value(*c.completed_on) : boost::json::value(nullptr)},
            {"version", c.version}};
  }
};
static_assert(events::TypedEvent<CompletionChanged>);

// The startup check: throws std::runtime_error if the catalogue has no schema for the type.
inline void require_event_schemas(const events::SchemaRegistry& registry) {
  events::require_schemas<CompletionChanged>(registry);
}

// The next stored state when an evaluation gives (complete, completed_on): nullopt when nothing
// changed (no row and not complete, or the same state). A change is one version more.
std::optional<StoredCompletion> next_completion(const StoredCompletion& stored, bool complete,
                                                const std::optional<std::string>& completed_on);

}  // namespace samverkan::reporting
