// Which form of an export each role may take (handlers/export_variant.hpp), every branch: the
// query's errors, full and names for the federation and coordinators (their own rows), the
// pseudonymised form for the auditor only, and 503 without a key.
#include "../handlers/export_variant.hpp"

#include <gtest/gtest.h>

#include <samverkan/http/problem.hpp>

namespace samverkan::reporting {
namespace {

const Pseudonymiser kKey(std::string(32, 'k'));

http::Request query(std::map<std::string, std::string, std::less<>> q) {
  http::Request r;
  r.query = std::move(q);
  return r;
}

auth::Principal who(Role role, std::optional<std::string> organisation = std::nullopt) {
  return {"sub", "fed", {role}, std::move(organisation)};
}

int status_of(const http::Request& req, const auth::Principal& p, const Pseudonymiser* key) {
  try {
    read_export_variant(req, p, key);
    return 200;
  } catch (const http::Problem& problem) {
    return problem.status();
  }
}

TEST(ExportVariant, TheFederationTakesEveryFormOfEveryRow) {
  const auto admin = who(Role::FederationAdmin);
  const auto full = read_export_variant(query({}), admin, &kKey);
  EXPECT_EQ(full.format.separator, ',');
  EXPECT_EQ(full.format.pseudonymiser, nullptr);
  EXPECT_FALSE(full.names);
  EXPECT_EQ(full.organisation, std::nullopt);
  const auto named =
      read_export_variant(query({{"names", "true"}, {"separator", "semicolon"}}), admin, &kKey);
  EXPECT_TRUE(named.names);
  EXPECT_EQ(named.format.separator, ';');
  const auto hidden = read_export_variant(query({{"variant", "pseudonymised"}}), admin, &kKey);
  EXPECT_EQ(hidden.format.pseudonymiser, &kKey);
  EXPECT_EQ(hidden.organisation, std::nullopt);
}

TEST(ExportVariant, ACoordinatorTakesEveryFormOfTheirOwnRowsOnly) {
  const auto coordinator = who(Role::OrgCoordinator, "org-1");
  const auto named = read_export_variant(query({{"names", "true"}}), coordinator, &kKey);
  EXPECT_TRUE(named.names);
  EXPECT_EQ(named.organisation, "org-1");
  const auto hidden =
      read_export_variant(query({{"variant", "pseudonymised"}}), coordinator, &kKey);
  EXPECT_EQ(hidden.organisation, "org-1");
  // Without an organisation in the token: the nil organisation, which has no rows.
  EXPECT_EQ(read_export_variant(query({}), who(Role::OrgCoordinator), &kKey).organisation,
            auth::Principal::kNoOrganisation);
  // Holding the auditor's role too does not widen a coordinator's full form.
  auth::Principal both{"sub", "fed", {Role::OrgCoordinator, Role::FunderAuditor}, "org-1"};
  EXPECT_EQ(read_export_variant(query({}), both, &kKey).organisation, "org-1");
}

TEST(ExportVariant, TheAuditorTakesThePseudonymisedFormOnly) {
  const auto auditor = who(Role::FunderAuditor);
  EXPECT_EQ(status_of(query({}), auditor, &kKey), 403);
  EXPECT_EQ(status_of(query({{"names", "true"}}), auditor, &kKey), 403);
  const auto hidden = read_export_variant(query({{"variant", "pseudonymised"}}), auditor, &kKey);
  EXPECT_EQ(hidden.format.pseudonymiser, &kKey);
  EXPECT_EQ(hidden.organisation, std::nullopt);
  EXPECT_EQ(status_of(query({{"variant", "full"}}), who(Role::Trainer), &kKey), 403);
}

TEST(ExportVariant, ThePseudonymisedFormNeedsAKey) {
  EXPECT_EQ(status_of(query({{"variant", "pseudonymised"}}), who(Role::FunderAuditor), nullptr),
            503);
  EXPECT_EQ(status_of(query({}), who(Role::FederationAdmin), nullptr), 200);
}

TEST(ExportVariant, AMalformedQueryIs400) {
  const auto admin = who(Role::FederationAdmin);
  EXPECT_EQ(status_of(query({{"separator", "tab"}}), admin, &kKey), 400);
  EXPECT_EQ(status_of(query({{"variant", "named"}}), admin, &kKey), 400);
  EXPECT_EQ(status_of(query({{"names", "yes"}}), admin, &kKey), 400);
  EXPECT_EQ(status_of(query({{"names", "true"}, {"variant", "pseudonymised"}}), admin, &kKey), 400);
  EXPECT_EQ(query_or(query({{"a", "b"}}), "a", "c"), "b");
  EXPECT_EQ(query_or(query({}), "a", "c"), "c");
}

}  // namespace
}  // namespace samverkan::reporting
