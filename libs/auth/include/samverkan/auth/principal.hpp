#pragma once
// Who is calling, from a verified token. The federation (tenant) comes only from here.
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace samverkan::auth {

// Participant: a person taking part; its token's subject is linked to one participant record,
// and it sees only that person's own data.
enum class Role { FederationAdmin, OrgCoordinator, Trainer, FunderAuditor, Participant };
std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

struct Principal {
  std::string subject;
  std::string federation;                  // tenant id, e.g. "ostergotland"
  std::set<Role> roles;
  std::optional<std::string> organisation;  // set for org_coordinator: the organisation it may act for

  [[nodiscard]] bool has(Role role) const { return roles.count(role) > 0; }

  // The organisation this caller is confined to: nullopt when it holds one of the roles that see
  // the whole federation for this resource, otherwise its own organisation (a coordinator's).
  // Each resource names those roles: a trainer sees all attendance but no one's personal data.
  [[nodiscard]] std::optional<std::string> organisation_scope(const std::set<Role>& federation_wide) const {
    for (Role role : federation_wide) {
      if (has(role)) return std::nullopt;
    }
    // Confined but with no organisation: the nil UUID, which matches nothing, so it sees nothing.
    return organisation.value_or(kNoOrganisation);
  }
  static constexpr const char* kNoOrganisation = "00000000-0000-0000-0000-000000000000";
};

}  // namespace samverkan::auth
