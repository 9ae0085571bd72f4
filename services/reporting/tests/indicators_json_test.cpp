// The indicator report's JSON: full and pseudonymised variants.
#include "../handlers/indicators_json.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

std::vector<IndicatorPerson> people() {
  const EntryFacts f{{"answered", "woman", "self_declared"},
                     {"answered", "1980", "self_declared"},
                     {"answered", "employed", "target_group"},
                     {"answered", "isced_5_8", "estimate"}};
  std::vector<IndicatorPerson> out;
  for (int i = 0; i < 6; ++i)
    out.push_back({"p" + std::to_string(i), "o1", "municipality", "2026-04-01", f});
  auto man = f;
  man.gender.value = "man";
  out.push_back({"p6", "o2", "region", "2026-04-01", man});
  out.push_back({"p7", "o2", "region", "2026-04-01", std::nullopt});
  return out;
}

const boost::json::object& row(const boost::json::object& j, const char* gender) {
  for (const auto& r : j.at("by_gender").as_array()) {
    if (r.at("gender").as_string() == gender) return r.as_object();
  }
  throw std::logic_error("no row");
}

TEST(IndicatorsJson, TheFullVariantShowsEveryCountWithSourcesAndNamesTheIncomplete) {
  const auto i = compute_indicators(people(), {});
  const auto j = indicators_json(i, {"g", {"2026-01-01", std::nullopt}, std::nullopt});
  EXPECT_EQ(j.at("variant").as_string(), "full");
  EXPECT_EQ(j.at("from").as_string(), "2026-01-01");
  EXPECT_TRUE(j.at("to").is_null());
  EXPECT_EQ(j.at("participants").as_int64(), 8);
  EXPECT_EQ(j.at("participants_complete").as_int64(), 7);
  const auto& man = row(j, "man").at("employment_status").at("employed").as_object();
  EXPECT_EQ(man.at("count").as_int64(), 1);
  EXPECT_EQ(man.at("sources").at("employment_status").at("target_group").as_int64(), 1);
  EXPECT_EQ(man.at("sources").at("gender").at("self_declared").as_int64(), 1);
  EXPECT_EQ(row(j, "woman")
                .at("education_level")
                .at("isced_5_8")
                .at("sources")
                .at("education_level")
                .at("estimate")
                .as_int64(),
            6);
  const auto& incomplete = j.at("incomplete").as_object();
  EXPECT_EQ(incomplete.at("count").as_int64(), 1);
  EXPECT_EQ(incomplete.at("missing_by_fact").at("gender").as_int64(), 1);
  EXPECT_EQ(incomplete.at("participants").as_array().at(0).at("participant_id").as_string(), "p7");
  EXPECT_EQ(j.at("public_bodies").at("total").as_int64(), 2);
}

TEST(IndicatorsJson, ThePseudonymisedVariantSuppressesSmallCellsAndNamesNoOne) {
  const auto i = compute_indicators(people(), {});
  const auto j = indicators_json(i, {"g", {}, Suppression{5}});
  EXPECT_EQ(j.at("variant").as_string(), "pseudonymised");
  EXPECT_EQ(j.at("small_cell_threshold").as_int64(), 5);
  const auto& man = row(j, "man").at("total").as_object();
  EXPECT_TRUE(man.at("count").is_null());
  EXPECT_TRUE(man.at("suppressed").as_bool());
  EXPECT_TRUE(man.at("sources").is_null());
  const auto& woman = row(j, "woman").at("total").as_object();
  EXPECT_EQ(woman.at("count").as_int64(), 6);
  EXPECT_FALSE(woman.at("suppressed").as_bool());
  const auto& zero = row(j, "non_binary").at("total").as_object();
  EXPECT_EQ(zero.at("count").as_int64(), 0);  // an empty cell singles no one out
  EXPECT_TRUE(j.at("incomplete").at("participants").is_null());
  EXPECT_EQ(j.at("incomplete").at("count").as_int64(), 1);
}

}  // namespace
}  // namespace samverkan::reporting
