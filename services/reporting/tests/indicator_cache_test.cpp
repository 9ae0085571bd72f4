#include "../handlers/indicator_cache.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

TEST(IndicatorCache, AnswersOnlyWithTheCountItWasComputedAt) {
  IndicatorCache cache(1024);
  EXPECT_FALSE(cache.find("fed/p", 3));
  cache.store("fed/p", 3, "body");
  EXPECT_EQ(cache.find("fed/p", 3), "body");
  EXPECT_FALSE(cache.find("fed/p", 4));  // a change since: stale
  EXPECT_FALSE(cache.find("other/p", 3));
}

TEST(IndicatorCache, ANewerCountReplacesAndAnOlderOneDoesNot) {
  IndicatorCache cache(1024);
  cache.store("k", 5, "new");
  cache.store("k", 4, "old");  // a slow request that read the count before the change
  EXPECT_EQ(cache.find("k", 5), "new");
  cache.store("k", 6, "newer");
  EXPECT_EQ(cache.find("k", 6), "newer");
  EXPECT_EQ(cache.size(), 1U);
  EXPECT_EQ(cache.bytes(), std::string("k").size() + std::string("newer").size());
}

TEST(IndicatorCache, EvictsTheOldestBeyondTheBoundAndKeepsNothingTooLarge) {
  IndicatorCache cache(20);
  cache.store("a", 1, "123456789");  // 10 bytes with its key
  cache.store("b", 1, "123456789");
  cache.store("c", 1, "123456789");  // evicts a
  EXPECT_FALSE(cache.find("a", 1));
  EXPECT_EQ(cache.find("b", 1), "123456789");
  EXPECT_EQ(cache.find("c", 1), "123456789");
  EXPECT_EQ(cache.bytes(), 20U);
  cache.store("d", 1, std::string(40, 'x'));
  EXPECT_FALSE(cache.find("d", 1));
  EXPECT_EQ(cache.size(), 2U);
}

}  // namespace
}  // namespace samverkan::reporting
