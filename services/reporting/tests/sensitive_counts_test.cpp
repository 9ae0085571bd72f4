// The indicators' sensitive categories (ADR 0070): a programme's cohorts added up, null without
// counts, and small cells suppressed in the pseudonymised variant as every other cell is.
#include <gtest/gtest.h>

#include "../handlers/sensitive_counts_json.hpp"

namespace samverkan::reporting {
namespace {

SensitiveCells cells(std::int64_t base) {
  SensitiveCells out{};
  for (std::size_t c = 0; c < out.size(); ++c) {
    for (std::size_t a = 0; a < out[c].size(); ++a) out[c][a] = base + static_cast<int>(a);
  }
  return out;
}

TEST(SensitiveCounts, CohortsAddUpAndNoCohortIsNoCounts) {
  EXPECT_FALSE(sum_sensitive_counts({}));
  const auto total = sum_sensitive_counts({cells(1), cells(10)});
  ASSERT_TRUE(total);
  EXPECT_EQ((*total)[0][0], 11);
  EXPECT_EQ((*total)[2][3], 17);
}

TEST(SensitiveCounts, WithoutCountsTheMemberIsNull) {
  EXPECT_TRUE(sensitive_counts_json(std::nullopt, std::nullopt).is_null());
}

TEST(SensitiveCounts, TheFullVariantShowsEveryCount) {
  const auto json = sensitive_counts_json(cells(0), std::nullopt).as_object();
  const auto& yes = json.at("disability").at("yes").as_object();
  EXPECT_EQ(yes.at("count").as_int64(), 0);
  EXPECT_FALSE(yes.at("suppressed").as_bool());
  EXPECT_EQ(json.at("minority").at("not_asked").at("count").as_int64(), 3);
}

TEST(SensitiveCounts, ThePseudonymisedVariantHidesSmallCellsOnly) {
  // Counts 4, 5, 6, 7 against the threshold 5: only 4 is hidden; 0 stays shown.
  const auto json = sensitive_counts_json(cells(4), Suppression{5}).as_object();
  const auto& category = json.at("foreign_background").as_object();
  EXPECT_TRUE(category.at("yes").at("count").is_null());
  EXPECT_TRUE(category.at("yes").at("suppressed").as_bool());
  EXPECT_EQ(category.at("no").at("count").as_int64(), 5);
  EXPECT_FALSE(category.at("no").at("suppressed").as_bool());
  const auto zero = sensitive_counts_json(cells(0), Suppression{5}).as_object();
  EXPECT_FALSE(zero.at("minority").at("yes").at("suppressed").as_bool());
}

}  // namespace
}  // namespace samverkan::reporting
