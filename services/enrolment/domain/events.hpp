#pragma once
// The events enrolment emits, one struct per CloudEvents type; each builds its own data, so an
// event's shape lives in one place. Every event carries the aggregate's version.
#include <boost/json/object.hpp>
#include <samverkan/events/typed_event.hpp>
#include <string>
#include <string_view>

#include "model.hpp"

namespace samverkan::enrolment {

struct OrganisationRegistered {
  static constexpr std::string_view kType = "se.samverkan.enrolment.organisation.registered.v1";
  static constexpr std::string_view kAggregateType = "organisation";
  Organisation organisation;
  [[nodiscard]] std::string aggregate_id() const { return organisation.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

struct ParticipantRegistered {
  static constexpr std::string_view kType = "se.samverkan.enrolment.participant.registered.v1";
  static constexpr std::string_view kAggregateType = "participant";
  Participant participant;
  [[nodiscard]] std::string aggregate_id() const { return participant.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

struct EnrolmentRequested {
  static constexpr std::string_view kType = "se.samverkan.enrolment.enrolment.requested.v1";
  static constexpr std::string_view kAggregateType = "enrolment";
  Enrolment enrolment;
  [[nodiscard]] std::string aggregate_id() const { return enrolment.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

// Every state change after the request, with the full state: what replicas merge by version.
struct EnrolmentChanged {
  static constexpr std::string_view kType = "se.samverkan.enrolment.enrolment.changed.v1";
  static constexpr std::string_view kAggregateType = "enrolment";
  Enrolment enrolment;
  [[nodiscard]] std::string aggregate_id() const { return enrolment.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

// Superseded by EnrolmentChanged. Still emitted next to it for an approval while consumers that
// know only this type are upgraded (a transition step, ADR 0037); it carries the same version.
struct EnrolmentApproved {
  static constexpr std::string_view kType = "se.samverkan.enrolment.enrolment.approved.v1";
  static constexpr std::string_view kAggregateType = "enrolment";
  Enrolment enrolment;
  [[nodiscard]] std::string aggregate_id() const { return enrolment.id.str(); }
  [[nodiscard]] boost::json::object data() const;
};

static_assert(events::TypedEvent<OrganisationRegistered>);
static_assert(events::TypedEvent<ParticipantRegistered>);
static_assert(events::TypedEvent<EnrolmentRequested>);
static_assert(events::TypedEvent<EnrolmentChanged>);
static_assert(events::TypedEvent<EnrolmentApproved>);

// Every type the service can emit, for the startup check.
inline void require_event_schemas(const events::SchemaRegistry& registry) {
  events::require_schemas<OrganisationRegistered, ParticipantRegistered, EnrolmentRequested,
                          EnrolmentChanged, EnrolmentApproved>(registry);
}

}  // namespace samverkan::enrolment
