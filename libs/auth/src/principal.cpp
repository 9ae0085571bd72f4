#include <samverkan/auth/principal.hpp>

namespace samverkan::auth {

std::string_view to_string(Role role) {
  switch (role) {
    case Role::FederationAdmin:
      return "federation_admin";
    case Role::OrgCoordinator:
      return "org_coordinator";
    case Role::Trainer:
      return "trainer";
    case Role::FunderAuditor:
      return "funder_auditor";
    case Role::Participant:
      return "participant";
  }
  return "unknown";
}

std::optional<Role> role_from_string(std::string_view text) {
  for (Role role :
       {Role::FederationAdmin, Role::OrgCoordinator, Role::Trainer, Role::FunderAuditor,
        Role::Participant}) {
    if (to_string(role) == text) return role;
  }
  return std::nullopt;
}

}  // namespace samverkan::auth
