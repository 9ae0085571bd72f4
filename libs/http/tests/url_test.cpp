#include "url.hpp"

#include <gtest/gtest.h>

namespace samverkan::http::url {
namespace {

TEST(Url, SplitsTarget) {
  const auto plain = split_target("/a/b");
  EXPECT_EQ(plain.path, "/a/b");
  EXPECT_EQ(plain.query, "");
  const auto with_query = split_target("/a?x=1?2");
  EXPECT_EQ(with_query.path, "/a");
  EXPECT_EQ(with_query.query, "x=1?2");
}

TEST(Url, PercentDecodes) {
  EXPECT_EQ(percent_decode("a%20b%2Fc%c3%a5"), "a b/cå");
  EXPECT_EQ(percent_decode("a+b"), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("100%"), std::nullopt);
  EXPECT_EQ(percent_decode("%4"), std::nullopt);
  EXPECT_EQ(percent_decode("%G0"), std::nullopt);
}

TEST(Url, ParsesQuery) {
  const auto query = parse_query("limit=10&name=Anna+Lind&flag&&x=%26&limit=20");
  ASSERT_TRUE(query.has_value());
  EXPECT_EQ(query->at("limit"), "10");
  EXPECT_EQ(query->at("name"), "Anna Lind");
  EXPECT_EQ(query->at("flag"), "");
  EXPECT_EQ(query->at("x"), "&");
  EXPECT_EQ(query->size(), 4u);
  EXPECT_EQ(parse_query("a=%zz"), std::nullopt);
}

}  // namespace
}  // namespace samverkan::http::url
