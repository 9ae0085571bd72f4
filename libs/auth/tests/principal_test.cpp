#include <samverkan/auth/principal.hpp>

#include <gtest/gtest.h>

namespace samverkan::auth {
namespace {

Principal with(std::set<Role> roles) { return {"s", "fed", std::move(roles), std::string("org-1")}; }

TEST(OrganisationScope, CoordinatorIsConfinedToOwnOrganisation) {
  EXPECT_EQ(with({Role::OrgCoordinator}).organisation_scope(), "org-1");
}

TEST(OrganisationScope, FederationWideRolesSeeEverything) {
  for (Role wide : {Role::FederationAdmin, Role::Trainer, Role::FunderAuditor}) {
    EXPECT_EQ(with({Role::OrgCoordinator, wide}).organisation_scope(), std::nullopt) << to_string(wide);
  }
}

}  // namespace
}  // namespace samverkan::auth
