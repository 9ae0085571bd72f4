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
  const auto query = parse_query("limit=10&name=Anna+Lind&flag&&x=%26");
  ASSERT_FALSE(query.malformed);
  ASSERT_FALSE(query.repeated.has_value());
  EXPECT_EQ(query.values.at("limit"), "10");
  EXPECT_EQ(query.values.at("name"), "Anna Lind");
  EXPECT_EQ(query.values.at("flag"), "");
  EXPECT_EQ(query.values.at("x"), "&");
  EXPECT_EQ(query.values.size(), 4u);
  EXPECT_TRUE(parse_query("a=%zz").malformed);
}

TEST(Url, RepeatedQueryKeyIsReported) {
  EXPECT_EQ(parse_query("limit=10&after=x&limit=20").repeated, "limit");
  EXPECT_EQ(parse_query("flag&flag").repeated, "flag");
  // Compared after decoding: "%6Cimit" is "limit".
  EXPECT_EQ(parse_query("limit=1&%6Cimit=2").repeated, "limit");
  EXPECT_FALSE(parse_query("limit=1&limits=2").repeated.has_value());
}

}  // namespace
}  // namespace samverkan::http::url
