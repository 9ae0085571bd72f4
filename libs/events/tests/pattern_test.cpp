// The pattern and format matchers that replace std::regex on event data.
#include <gtest/gtest.h>

#include <samverkan/events/pattern.hpp>
#include <string>

#include "formats.hpp"

namespace samverkan::events {
namespace {

TEST(Pattern, FederationIdPattern) {
  const auto p = Pattern::compile("^[a-z0-9][a-z0-9-]{0,62}$");
  EXPECT_TRUE(p.search("a"));
  EXPECT_TRUE(p.search("fed-1"));
  EXPECT_TRUE(p.search("0" + std::string(62, '-')));
  EXPECT_FALSE(p.search("0" + std::string(63, '-')));
  EXPECT_FALSE(p.search(""));
  EXPECT_FALSE(p.search("-a"));
  EXPECT_FALSE(p.search("aB"));
  EXPECT_FALSE(p.search("a\n"));
  EXPECT_FALSE(p.search(std::string("a\0b", 3)));
  EXPECT_FALSE(p.search("f\xc3\xa5"));
}

TEST(Pattern, OrganisationNumberPattern) {
  const auto p = Pattern::compile("^[0-9]{6}-[0-9]{4}$");
  EXPECT_TRUE(p.search("802480-1234"));
  EXPECT_FALSE(p.search("80248-01234"));
  EXPECT_FALSE(p.search("802480-12345"));
  EXPECT_FALSE(p.search(" 802480-1234"));
}

TEST(Pattern, UnanchoredSidesMatchAnywhere) {
  EXPECT_TRUE(Pattern::compile("b+c").search("aabbbcd"));
  EXPECT_FALSE(Pattern::compile("b+c").search("aabbbd"));
  EXPECT_TRUE(Pattern::compile("^ab").search("abz"));
  EXPECT_FALSE(Pattern::compile("^ab").search("zab"));
  EXPECT_TRUE(Pattern::compile("ab$").search("zab"));
  EXPECT_FALSE(Pattern::compile("ab$").search("abz"));
  EXPECT_TRUE(Pattern::compile("").search("anything"));
  EXPECT_TRUE(Pattern::compile("^$").search(""));
  EXPECT_FALSE(Pattern::compile("^$").search("x"));
}

TEST(Pattern, Quantifiers) {
  const auto p = Pattern::compile("^a?b*c+d{2}e{1,}f{0,2}\\.\\d$");
  EXPECT_TRUE(p.search("cdde.1"));
  EXPECT_TRUE(p.search("abbbcccddeeeff.9"));
  EXPECT_FALSE(p.search("aacdde.1"));   // a? at most once
  EXPECT_FALSE(p.search("dde.1"));      // c+ at least once
  EXPECT_FALSE(p.search("cddde.1"));    // d{2} exactly twice
  EXPECT_FALSE(p.search("cdd.1"));      // e{1,} at least once
  EXPECT_FALSE(p.search("cddefff.1"));  // f{0,2} at most twice
  EXPECT_FALSE(p.search("cddex1"));     // \. is a literal dot
  // Overlapping alternatives that make a backtracking matcher exponential stay linear here.
  const auto greedy = Pattern::compile("^[a-z]{0,30}[a-z]{0,30}[a-z]{0,30}b$");
  EXPECT_FALSE(greedy.search(std::string(80, 'a')));
  EXPECT_TRUE(greedy.search(std::string(80, 'a') + "b"));
}

TEST(Pattern, ClassesWithRangesLiteralsAndEscapes) {
  const auto p = Pattern::compile("^[-a-c_\\]x-]+$");
  EXPECT_TRUE(p.search("a-b_c]x"));
  EXPECT_FALSE(p.search("d"));
  EXPECT_TRUE(Pattern::compile("^[\\d.]+$").search("1.5"));
}

TEST(Pattern, LongInputUsesConstantStack) {
  // std::regex recursed per character: a few tens of thousands overflowed the stack.
  const auto p = Pattern::compile("^[a-z]+$");
  EXPECT_TRUE(p.search(std::string(1 << 20, 'a')));
  EXPECT_FALSE(p.search(std::string(1 << 20, 'a') + "1"));
}

TEST(Pattern, UnsupportedSyntaxIsRefused) {
  for (const char* source :
       {"(a)", "a|b", "a.b", "[^a]", "a*?", "a{2", "a{3,1}", "a{1001}", "\\w", "\\", "[a", "[]",
        "[z-a]", "a$b", "a^", "*a", "\xc3\xa5", "{1}", "[[a]]"}) {
    EXPECT_THROW(Pattern::compile(source), std::invalid_argument) << source;
  }
}

TEST(Formats, Uuid) {
  EXPECT_TRUE(is_uuid("0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b11"));
  EXPECT_FALSE(is_uuid("0B0E7A8E-2F6F-4A39-9A57-2A0F8D2C3B11"));
  EXPECT_FALSE(is_uuid("0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b1"));
  EXPECT_FALSE(is_uuid("0b0e7a8e-2f6f-4a39-9a57-2a0f8d2c3b111"));
  EXPECT_FALSE(is_uuid("0b0e7a8e2f6f-4a39-9a57-2a0f8d2c3b11-"));
  EXPECT_FALSE(is_uuid("0b0e7a8g-2f6f-4a39-9a57-2a0f8d2c3b11"));
}

TEST(Formats, Date) {
  EXPECT_TRUE(is_date("2026-04-01"));
  EXPECT_TRUE(is_date("2026-12-31"));
  EXPECT_FALSE(is_date("2026-13-01"));
  EXPECT_FALSE(is_date("2026-00-01"));
  EXPECT_FALSE(is_date("2026-04-32"));
  EXPECT_FALSE(is_date("2026-04-00"));
  EXPECT_FALSE(is_date("2026-4-01"));
  EXPECT_FALSE(is_date("2026-04-01 "));
  EXPECT_FALSE(is_date("20260401"));
}

TEST(Formats, DateTime) {
  EXPECT_TRUE(is_date_time("2026-04-01T10:00:00Z"));
  EXPECT_TRUE(is_date_time("2026-04-01T23:59:59.123+02:00"));
  EXPECT_TRUE(is_date_time("2026-04-01T00:00:00-23:59"));
  EXPECT_FALSE(is_date_time("2026-04-01T24:00:00Z"));
  EXPECT_FALSE(is_date_time("2026-04-01T10:60:00Z"));
  EXPECT_FALSE(is_date_time("2026-04-01T10:00:60Z"));
  EXPECT_FALSE(is_date_time("2026-04-01t10:00:00z"));
  EXPECT_FALSE(is_date_time("2026-04-01T10:00:00"));
  EXPECT_FALSE(is_date_time("2026-04-01T10:00:00.Z"));
  EXPECT_FALSE(is_date_time("2026-04-01T10:00:00+0200"));
  EXPECT_FALSE(is_date_time("2026-04-01T10:00:00+24:00"));
  EXPECT_FALSE(is_date_time("2026-04-01T10:00:00Z "));
  EXPECT_FALSE(is_date_time("2026-04-01 10:00:00Z"));
  const std::string longest =
      "2026-04-01T10:00:00." + std::string(kMaxDateTimeLength - 26, '1') + "+02:00";
  EXPECT_TRUE(is_date_time(longest));
  EXPECT_FALSE(
      is_date_time("2026-04-01T10:00:00." + std::string(kMaxDateTimeLength - 25, '1') + "+02:00"));
  EXPECT_FALSE(is_date_time("2026-04-01T10:00:00." + std::string(30000, '1') + "Z"));
}

}  // namespace
}  // namespace samverkan::events
