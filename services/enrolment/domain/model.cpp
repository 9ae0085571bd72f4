#include "model.hpp"

#include <array>
#include <utility>

namespace samverkan::enrolment {

namespace {
constexpr std::array<std::pair<EnrolmentStatus, std::string_view>, 6> kStatuses{{
    {EnrolmentStatus::Interest, "interest"},
    {EnrolmentStatus::Pending, "pending"},
    {EnrolmentStatus::Approved, "approved"},
    {EnrolmentStatus::Waitlisted, "waitlisted"},
    {EnrolmentStatus::Rejected, "rejected"},
    {EnrolmentStatus::Withdrawn, "withdrawn"},
}};
constexpr std::array<std::pair<Stage, std::string_view>, 2> kStages{{
    {Stage::Organisation, "organisation"},
    {Stage::Federation, "federation"},
}};

template <class Enum, std::size_t N>
std::string_view name_of(Enum value,
                         const std::array<std::pair<Enum, std::string_view>, N>& names) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";  // unreachable: every enumerator is listed above
}

template <class Enum, std::size_t N>
std::optional<Enum> value_of(std::string_view text,
                             const std::array<std::pair<Enum, std::string_view>, N>& names) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}
}  // namespace

std::string_view to_string(EnrolmentStatus status) { return name_of(status, kStatuses); }
std::optional<EnrolmentStatus> enrolment_status_from(std::string_view text) {
  return value_of(text, kStatuses);
}
std::string_view to_string(Stage stage) { return name_of(stage, kStages); }
std::optional<Stage> stage_from(std::string_view text) { return value_of(text, kStages); }

Actor Actor::from(const auth::Principal& principal) {
  Actor actor{principal.subject, FederationId(principal.federation), principal.roles, std::nullopt};
  if (principal.organisation) actor.organisation = OrganisationId(*principal.organisation);
  return actor;
}

bool Actor::may_act_for(const OrganisationId& organisation_id) const {
  if (has(auth::Role::FederationAdmin)) return true;
  return has(auth::Role::OrgCoordinator) && organisation && *organisation == organisation_id;
}

}  // namespace samverkan::enrolment
