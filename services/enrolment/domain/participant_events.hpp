#pragma once
// The participant-side events added with entry facts and the login link (contracts: entry facts
// event, participant login link). Sensitive categories never appear in any event.
#include <boost/json/object.hpp>
#include <samverkan/events/typed_event.hpp>
#include <string>
#include <string_view>

#include "entry_facts.hpp"
#include "model.hpp"

namespace samverkan::enrolment {

// Emitted when a participant's entry facts are first recorded and at every later change.
struct EntryFactsRecorded {
  static constexpr std::string_view kType = "se.samverkan.enrolment.entry_facts.recorded.v1";
  static constexpr std::string_view kAggregateType = "participant";
  EntryFactsRecord record;
  [[nodiscard]] std::string aggregate_id() const { return record.participant.str(); }
  [[nodiscard]] boost::json::object data() const;
};

// A participant's full state after a change (today: its login link), with its version.
struct ParticipantChanged {
  static constexpr std::string_view kType = "se.samverkan.enrolment.participant.changed.v1";
  static constexpr std::string_view kAggregateType = "participant";
  Participant participant;
  [[nodiscard]] std::string aggregate_id() const { return participant.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

static_assert(events::TypedEvent<EntryFactsRecorded>);
static_assert(events::TypedEvent<ParticipantChanged>);

// The facts as the event and the API show them: {"gender": {"state", "value", "source"}, ...}.
boost::json::object facts_json(const EntryFacts& facts);

inline void require_participant_event_schemas(const events::SchemaRegistry& registry) {
  events::require_schemas<EntryFactsRecorded, ParticipantChanged>(registry);
}

}  // namespace samverkan::enrolment
