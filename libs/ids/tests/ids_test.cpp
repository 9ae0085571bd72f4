#include <gtest/gtest.h>

#include <samverkan/ids/ids.hpp>
#include <type_traits>
#include <unordered_set>

namespace samverkan::ids {
namespace {

TEST(Ids, DifferentKindsDoNotConvert) {
  static_assert(!std::is_convertible_v<CohortId, ParticipantId>);
  static_assert(!std::is_convertible_v<std::string, FederationId>);  // explicit only
  static_assert(!std::is_convertible_v<FederationId, std::string>);
  static_assert(std::is_constructible_v<CohortId, std::string>);
  SUCCEED();
}

TEST(Ids, CompareAndHashByValue) {
  const CohortId a("0b9c1f6e-0000-4000-8000-000000000001");
  const CohortId b("0b9c1f6e-0000-4000-8000-000000000002");
  EXPECT_EQ(a, CohortId(a.str()));
  EXPECT_NE(a, b);
  EXPECT_LT(a, b);
  std::unordered_set<CohortId> set{a, b, CohortId(a.str())};
  EXPECT_EQ(set.size(), 2U);
  EXPECT_TRUE(CohortId().empty());
}

}  // namespace
}  // namespace samverkan::ids
