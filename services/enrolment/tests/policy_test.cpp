// The seat rules of a cohort's policy: stages in order, capacity and quotas, who a freed seat
// lets in, and policy changes that would drop approved people.
#include "../domain/policy.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace samverkan::enrolment {
namespace {

using namespace test;
using Kind = DomainError::Kind;

const OrganisationId kThirdOrg("0b6f6a52-1d4e-4c47-9f0e-6a2b3c4d5e03");

EnrolmentPolicy policy(std::optional<std::int64_t> capacity = std::nullopt) {
  auto p = EnrolmentPolicy::defaults(kCohort, kFed);
  p.capacity = capacity;
  return p;
}

SeatUsage usage(std::initializer_list<std::pair<OrganisationId, std::int64_t>> taken) {
  SeatUsage u;
  for (const auto& [org, n] : taken) {
    for (std::int64_t i = 0; i < n; ++i) u.take(org);
  }
  return u;
}

Enrolment waiting(const OrganisationId& org, const char* id) {
  Enrolment e = pending(org);
  e.id = EnrolmentId(id);
  e.status = EnrolmentStatus::Waitlisted;
  e.stage.reset();
  return e;
}

TEST(Policy, DefaultsAreOneOrganisationStageNoLimitsNoWaitlist) {
  const auto p = policy();
  EXPECT_EQ(p.approval, std::vector<Stage>{Stage::Organisation});
  EXPECT_FALSE(p.capacity);
  EXPECT_FALSE(p.waitlist);
  EXPECT_EQ(p.version, 0);
  EXPECT_TRUE(seat_free(p, usage({{kOrg, 1000}}), kOrg));
}

TEST(Policy, StagesFollowTheirOrder) {
  auto p = policy();
  p.approval = {Stage::Organisation, Stage::Federation};
  EXPECT_EQ(first_stage(p), Stage::Organisation);
  EXPECT_EQ(next_stage(p, Stage::Organisation), Stage::Federation);
  EXPECT_FALSE(next_stage(p, Stage::Federation));
  p.approval = {Stage::Federation};
  EXPECT_EQ(first_stage(p), Stage::Federation);
  // A stage the policy no longer lists is treated as the last, so nobody is stranded.
  EXPECT_FALSE(next_stage(p, Stage::Organisation));
  p.approval.clear();
  EXPECT_EQ(first_stage(p), Stage::Organisation);
}

TEST(Policy, CapacityLimitsTheCohort) {
  const auto p = policy(2);
  EXPECT_TRUE(seat_free(p, usage({{kOrg, 1}}), kOrg));
  EXPECT_FALSE(seat_free(p, usage({{kOrg, 1}, {kOtherOrg, 1}}), kOrg));
}

TEST(Policy, QuotaLimitsAnOrganisationOthersOnlyByCapacity) {
  auto p = policy(10);
  p.organisation_quotas[kOrg] = 1;
  p.organisation_quotas[kOtherOrg] = std::nullopt;  // listed as unlimited
  const auto u = usage({{kOrg, 1}, {kOtherOrg, 5}});
  EXPECT_FALSE(seat_free(p, u, kOrg));
  EXPECT_TRUE(seat_free(p, u, kOtherOrg));
  EXPECT_TRUE(seat_free(p, u, kThirdOrg));  // not listed at all
  EXPECT_EQ(quota_of(p, kOrg), 1);
  EXPECT_FALSE(quota_of(p, kThirdOrg));
}

TEST(Promotions, InQueueOrderSkippingThoseWhoseQuotaIsFull) {
  auto p = policy(3);
  p.organisation_quotas[kOrg] = 1;
  const std::vector<Enrolment> queue{
      waiting(kOrg, "00000000-0000-4000-8000-000000000001"),       // quota full: skipped
      waiting(kOtherOrg, "00000000-0000-4000-8000-000000000002"),  // fits
      waiting(kThirdOrg, "00000000-0000-4000-8000-000000000003"),  // no seat left after the above
  };
  const auto admitted = promotions(p, usage({{kOrg, 1}, {kOtherOrg, 1}}), queue);
  ASSERT_EQ(admitted.size(), 1u);
  EXPECT_EQ(admitted[0], queue[1].id);
}

TEST(Promotions, SeveralSeatsLetSeveralIn) {
  const auto p = policy();  // unlimited: everyone waiting fits
  std::vector<Enrolment> queue{waiting(kOrg, "00000000-0000-4000-8000-000000000001"),
                               waiting(kOtherOrg, "00000000-0000-4000-8000-000000000002")};
  queue.push_back(pending(kOrg));  // not waitlisted: never promoted
  EXPECT_EQ(promotions(p, usage({}), queue).size(), 2u);
}

TEST(Promotions, NothingWhenTheCohortIsFull) {
  const std::vector<Enrolment> queue{waiting(kOrg, "00000000-0000-4000-8000-000000000001")};
  EXPECT_TRUE(promotions(policy(1), usage({{kOtherOrg, 1}}), queue).empty());
}

PolicyChange change(std::optional<std::int64_t> capacity) {
  return {capacity, {}, {Stage::Organisation, Stage::Federation}, true};
}

TEST(PolicyChange, OnlyFederationAdministrators) {
  const auto result = decide_policy_change(policy(), change(10), usage({}), {}, coordinator());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::Forbidden);
}

TEST(PolicyChange, UnknownOrganisationIsNamed) {
  const auto result = decide_policy_change(policy(), change(10), usage({}), {kThirdOrg}, admin());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::Invalid);
  EXPECT_EQ(result.error().field, "organisation_quotas");
}

TEST(PolicyChange, CapacityBelowSeatsInUseIsRefusedSayingHowMany) {
  const auto result =
      decide_policy_change(policy(), change(2), usage({{kOrg, 2}, {kOtherOrg, 1}}), {}, admin());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::Conflict);
  EXPECT_NE(result.error().message.find("3 seats in use"), std::string::npos);
}

TEST(PolicyChange, QuotaBelowSeatsInUseIsRefusedSayingHowMany) {
  auto c = change(std::nullopt);
  c.organisation_quotas[kOrg] = 1;
  const auto result = decide_policy_change(policy(), c, usage({{kOrg, 2}}), {}, admin());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, Kind::Conflict);
  EXPECT_NE(result.error().message.find("2 seats in use"), std::string::npos);
}

TEST(PolicyChange, AtOrAboveUseIsStoredOneVersionLater) {
  auto c = change(3);
  c.organisation_quotas[kOrg] = 2;
  c.organisation_quotas[kOtherOrg] = std::nullopt;
  const auto result =
      decide_policy_change(policy(), c, usage({{kOrg, 2}, {kOtherOrg, 1}}), {}, admin());
  ASSERT_TRUE(result.ok());
  const auto& next = result.value();
  EXPECT_EQ(next.capacity, 3);
  EXPECT_EQ(quota_of(next, kOrg), 2);
  EXPECT_EQ(next.approval, (std::vector<Stage>{Stage::Organisation, Stage::Federation}));
  EXPECT_TRUE(next.waitlist);
  EXPECT_EQ(next.version, 1);
}

}  // namespace
}  // namespace samverkan::enrolment
