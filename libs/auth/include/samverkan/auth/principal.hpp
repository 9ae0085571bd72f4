#pragma once
// Who is calling, from a verified token. The federation (tenant) comes only from here.
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace samverkan::auth {

enum class Role { FederationAdmin, OrgCoordinator, Trainer, FunderAuditor };
std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

struct Principal {
  std::string subject;
  std::string federation;                  // tenant id, e.g. "ostergotland"
  std::set<Role> roles;
  std::optional<std::string> organisation;  // set for org_coordinator: the organisation it may act for

  [[nodiscard]] bool has(Role role) const { return roles.count(role) > 0; }

  // The organisation this caller is confined to: set for a coordinator who holds no federation-wide
  // role (administrator, trainer, funder auditor), nullopt when the caller sees the whole federation.
  [[nodiscard]] std::optional<std::string> organisation_scope() const {
    if (has(Role::FederationAdmin) || has(Role::Trainer) || has(Role::FunderAuditor)) return std::nullopt;
    return organisation;
  }
};

}  // namespace samverkan::auth
