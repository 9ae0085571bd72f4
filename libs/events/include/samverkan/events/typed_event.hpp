#pragma once
// A typed event: a struct that names its CloudEvents type and aggregate and builds its own data.
// Services emit only these, so an event's shape lives in one place per type, and the startup check
// below proves that every type a service can emit has a schema before the first request.
#include <boost/json/object.hpp>
#include <concepts>
#include <samverkan/events/schema_registry.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace samverkan::events {

template <class E>
concept TypedEvent = requires(const E& event) {
  { E::kType } -> std::convertible_to<std::string_view>;           // "se.samverkan.<...>.v1"
  { E::kAggregateType } -> std::convertible_to<std::string_view>;  // "session", "enrolment", ...
  { event.aggregate_id() } -> std::convertible_to<std::string>;    // the Kafka key
  { event.data() } -> std::same_as<boost::json::object>;
};

// Throws std::runtime_error naming the first emitted type the catalogue has no schema for.
template <TypedEvent... Events>
void require_schemas(const SchemaRegistry& registry) {
  for (const std::string_view type : {std::string_view(Events::kType)...}) {
    if (!registry.knows(std::string(type))) {
      throw std::runtime_error("no schema in the event catalogue for emitted type " +
                               std::string(type));
    }
  }
}

}  // namespace samverkan::events
