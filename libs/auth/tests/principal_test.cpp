#include <samverkan/auth/principal.hpp>

#include <gtest/gtest.h>

namespace samverkan::auth {
namespace {

Principal with(std::set<Role> roles) { return {"s", "fed", std::move(roles), std::string("org-1")}; }

const std::set<Role> kWide{Role::FederationAdmin, Role::Trainer};

TEST(OrganisationScope, CoordinatorIsConfinedToOwnOrganisation) {
  EXPECT_EQ(with({Role::OrgCoordinator}).organisation_scope(kWide), "org-1");
}

TEST(OrganisationScope, FederationWideRolesSeeEverything) {
  for (Role wide : kWide) {
    EXPECT_EQ(with({Role::OrgCoordinator, wide}).organisation_scope(kWide), std::nullopt) << to_string(wide);
  }
}

TEST(OrganisationScope, ARoleNotNamedForTheResourceWidensNothing) {
  // A coordinator who is also a funder auditor is still confined where auditors see nothing.
  EXPECT_EQ(with({Role::OrgCoordinator, Role::FunderAuditor}).organisation_scope(kWide), "org-1");
}

TEST(OrganisationScope, ConfinedCallerWithoutOrganisationSeesNothing) {
  Principal trainer{"t", "fed", {Role::Trainer}, std::nullopt};
  EXPECT_EQ(trainer.organisation_scope({Role::FederationAdmin}), Principal::kNoOrganisation);
}

}  // namespace
}  // namespace samverkan::auth
