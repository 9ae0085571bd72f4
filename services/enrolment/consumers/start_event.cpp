#include "start_event.hpp"

#include <samverkan/json/fields.hpp>

namespace samverkan::enrolment {

namespace {
std::int64_t int_or(const boost::json::object& data, const char* field, std::int64_t fallback) {
  const auto* value = data.if_contains(field);
  return value != nullptr && value->is_int64() ? value->as_int64() : fallback;
}
}  // namespace

repo::SessionRow session_row_from(const boost::json::object& data) {
  // session.scheduled carries no status: a scheduled session is held.
  const auto status = json::optional_string_at(data, "status");
  return {ids::SessionId(json::string_at(data, "session_id")),
          FederationId(json::string_at(data, "federation_id")),
          CohortId(json::string_at(data, "cohort_id")),
          json::string_at(data, "starts_at"),
          json::string_at(data, "time_zone"),
          status.value_or("scheduled"),
          int_or(data, "version", 1)};
}

repo::MarkRow mark_row_from(const boost::json::object& data) {
  const auto status = json::string_at(data, "status");
  const auto revision = int_or(data, "revision", 1);
  return {json::string_at(data, "record_id"),
          FederationId(json::string_at(data, "federation_id")),
          ids::SessionId(json::string_at(data, "session_id")),
          ParticipantId(json::string_at(data, "participant_id")),
          CohortId(json::string_at(data, "cohort_id")),
          status == "present" || status == "late",
          int_or(data, "version", revision)};
}

}  // namespace samverkan::enrolment
