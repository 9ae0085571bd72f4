// The monthly participant file's layout (facts with their states and sources, the age band at
// entry, the names and pseudonymised variants) and the resubmission mark, every branch.
#include "../domain/monthly_file.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

EntryFacts answered() {
  return {{"answered", "woman", "self_declared"},
          {"answered", "1990", "self_declared"},
          {"answered", "employed", "target_group"},
          {"answered", "isced_5_8", "estimate"}};
}

const std::string kId = "00000002-0000-4000-8000-000000000001";

TEST(MonthlyFile, ARowCarriesTheDatesAndEachFactWithItsSource) {
  const MonthlyFileRow row{"started", kId, "o1", "2026-03-02", std::nullopt, answered()};
  EXPECT_EQ(monthly_file_row(row, {}),
            "started," + kId +
                ",o1,2026-03-02,,woman,self_declared,30_54,self_declared,employed,target_group,"
                "isced_5_8,estimate\r\n");
  EXPECT_EQ(monthly_file_header({';'}).rfind("\xEF\xBB\xBF"
                                             "event;participant_id;organisation_id;started_on;",
                                             0),
            0u);
}

TEST(MonthlyFile, NotAskedDeclinedAndNeverRecordedStayApart) {
  auto facts = answered();
  facts.gender = {"declined", std::nullopt, std::nullopt};
  facts.birth_year = {"not_asked", std::nullopt, std::nullopt};
  const MonthlyFileRow row{"left", kId, "o1", "2026-01-05", "2026-03-31", facts};
  EXPECT_EQ(monthly_file_row(row, {}),
            "left," + kId +
                ",o1,2026-01-05,2026-03-31,declined,,not_asked,,employed,target_group,isced_5_8,"
                "estimate\r\n");
  const MonthlyFileRow bare{"started", kId, "o1", "2026-03-02", std::nullopt, std::nullopt};
  EXPECT_EQ(monthly_file_row(bare, {}), "started," + kId +
                                            ",o1,2026-03-02,,not_recorded,,not_recorded,,"
                                            "not_recorded,,not_recorded,\r\n");
}

TEST(MonthlyFile, TheAgeBandIsTheOneAtTheStart) {
  auto facts = answered();
  facts.birth_year.value = "2008";
  EXPECT_EQ(age_band_at_entry(facts, "2026-03-02"), "18_29");
  EXPECT_EQ(age_band_at_entry(facts, "2025-12-31"), "under_18");
  EXPECT_EQ(age_band_at_entry(std::nullopt, "2026-03-02"), "not_recorded");
}

TEST(MonthlyFile, TheNamesVariantAddsANameAndThePseudonymisedOneHidesTheId) {
  const std::map<std::string, std::string> names{{kId, "=Anna Berg"}};
  const MonthlyFileRow row{"started", kId, "o1", "2026-03-02", std::nullopt, answered()};
  ExportFormat with_names{',', nullptr, &names};
  EXPECT_EQ(monthly_file_row(row, with_names).rfind("started," + kId + ",\"'=Anna Berg\",o1,", 0),
            0u);
  EXPECT_NE(monthly_file_header(with_names).find("participant_id,name,organisation_id"),
            std::string::npos);
  const Pseudonymiser key(std::string(32, 'k'));
  const auto hidden = monthly_file_row(row, {',', &key});
  EXPECT_EQ(hidden.find(kId), std::string::npos);
  EXPECT_EQ(hidden.rfind("started," + key.pseudonym(kId) + ",o1,", 0), 0u);
  EXPECT_NE(monthly_file_header({',', &key}).find("participant_pseudonym"), std::string::npos);
}

TEST(MonthlyFile, Sha256IsTheStandardOne) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(MonthlyFile, AMonthIsYearDashMonth) {
  EXPECT_TRUE(is_month("2026-01"));
  EXPECT_TRUE(is_month("2026-12"));
  EXPECT_FALSE(is_month("2026-13"));
  EXPECT_FALSE(is_month("2026-00"));
  EXPECT_FALSE(is_month("2026-1"));
  EXPECT_FALSE(is_month("2026/01"));
  EXPECT_FALSE(is_month("20a6-01"));
}

class Resubmission : public ::testing::Test {
 protected:
  // Submitted March when January and February had files a and b and March's was c.
  MonthSubmission march{"c", {{"2026-01", "a"}, {"2026-02", "b"}}};
  std::map<std::string, std::string> now{{"2026-01", "a"}, {"2026-02", "b"}, {"2026-03", "c"}};
};

TEST_F(Resubmission, ANeverSubmittedMonthNeedsNone) {
  EXPECT_FALSE(needs_resubmission("2026-03", "c", std::nullopt, now));
}

TEST_F(Resubmission, AnUnchangedMonthNeedsNone) {
  EXPECT_FALSE(needs_resubmission("2026-03", "c", march, now));
}

TEST_F(Resubmission, ItsOwnChangeMarksIt) {
  now["2026-03"] = "c2";
  EXPECT_TRUE(needs_resubmission("2026-03", "c2", march, now));
}

TEST_F(Resubmission, AnEarlierMonthsCorrectionMarksIt) {
  now["2026-01"] = "a2";
  EXPECT_TRUE(needs_resubmission("2026-03", "c", march, now));
}

TEST_F(Resubmission, AnEarlierMonthThatGainedItsFirstRowMarksIt) {
  now["2025-12"] = "z";
  EXPECT_TRUE(needs_resubmission("2026-03", "c", march, now));
}

TEST_F(Resubmission, AnEarlierMonthThatLostEveryRowMarksIt) {
  now.erase("2026-02");
  EXPECT_TRUE(needs_resubmission("2026-03", "c", march, now));
}

TEST_F(Resubmission, ALaterMonthsChangeDoesNot) {
  now["2026-04"] = "d";
  EXPECT_FALSE(needs_resubmission("2026-03", "c", march, now));
}

TEST_F(Resubmission, AnEmptyMonthSubmittedStaysCleanWhileEmpty) {
  const MonthSubmission empty{"e", {}};
  EXPECT_FALSE(needs_resubmission("2025-11", "e", empty, now));
}

}  // namespace
}  // namespace samverkan::reporting
