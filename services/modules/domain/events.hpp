#pragma once
// The events the modules service emits, one struct per type (events::TypedEvent). Each builds its
// data from the aggregate's state, including its version; schemas/events/<kType>.json is the
// contract, and the service checks at startup that every type here has a schema.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <samverkan/events/typed_event.hpp>
#include <string>
#include <string_view>

#include "aggregates.hpp"

namespace samverkan::modules {

struct ProgrammeCreated {
  static constexpr std::string_view kType = "se.samverkan.modules.programme.created.v1";
  static constexpr std::string_view kAggregateType = "programme";
  Programme programme;
  [[nodiscard]] std::string aggregate_id() const { return programme.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

// A change of the programme's rules: its full state after the change.
struct ProgrammeChanged {
  static constexpr std::string_view kType = "se.samverkan.modules.programme.changed.v1";
  static constexpr std::string_view kAggregateType = "programme";
  Programme programme;
  std::int64_t changed_at = 0;  // seconds since the epoch (UTC)
  [[nodiscard]] std::string aggregate_id() const { return programme.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

struct CohortCreated {
  static constexpr std::string_view kType = "se.samverkan.modules.cohort.created.v1";
  static constexpr std::string_view kAggregateType = "cohort";
  Cohort cohort;
  [[nodiscard]] std::string aggregate_id() const { return cohort.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

struct ModuleCreated {
  static constexpr std::string_view kType = "se.samverkan.modules.module.created.v1";
  static constexpr std::string_view kAggregateType = "module";
  Module module;
  [[nodiscard]] std::string aggregate_id() const { return module.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

struct SessionScheduled {
  static constexpr std::string_view kType = "se.samverkan.modules.session.scheduled.v1";
  static constexpr std::string_view kAggregateType = "session";
  Session session;
  [[nodiscard]] std::string aggregate_id() const { return session.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

// A rescheduling or a cancellation: the session's full state after the change. The reason is
// not part of it (free text stays out of events).
struct SessionChanged {
  static constexpr std::string_view kType = "se.samverkan.modules.session.changed.v1";
  static constexpr std::string_view kAggregateType = "session";
  Session session;
  std::int64_t changed_at = 0;  // seconds since the epoch (UTC)
  [[nodiscard]] std::string aggregate_id() const { return session.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

static_assert(events::TypedEvent<ProgrammeCreated> && events::TypedEvent<ProgrammeChanged> &&
              events::TypedEvent<CohortCreated> && events::TypedEvent<ModuleCreated> &&
              events::TypedEvent<SessionScheduled> && events::TypedEvent<SessionChanged>);

// The startup check: throws std::runtime_error naming any type above the catalogue has no schema
// for.
void require_event_schemas(const events::SchemaRegistry& registry);

// A session's trainers as [{"subject", "name"}] in subject order (name null when not given): the
// session events and the session's view carry the same list.
boost::json::array trainers_json(const Session& s);

}  // namespace samverkan::modules
