// Every branch of the ESF+ indicators, and their invariants over many generated populations:
// total = sum over employment statuses = sum over genders, long-term unemployed <= unemployed,
// and every figure's sources add up to its count.
#include "../domain/indicators.hpp"

#include <gtest/gtest.h>

#include <random>

namespace samverkan::reporting {
namespace {

EntryFact answered(const std::string& value, const char* source = "self_declared") {
  return {"answered", value, source};
}

EntryFacts facts(const char* gender, int birth_year, const char* employment,
                 const char* education) {
  return {answered(gender), answered(std::to_string(birth_year), "self_declared"),
          answered(employment, "target_group"), answered(education, "estimate")};
}

IndicatorPerson person(int n, std::optional<EntryFacts> f, const char* started = "2026-04-01",
                       const char* org = "o1", const char* type = "municipality") {
  return {"p" + std::to_string(n), org, std::string(type),
          started ? std::optional<std::string>(started) : std::nullopt, std::move(f)};
}

const GenderRow& row(const Indicators& i, const std::string& gender) {
  for (const auto& r : i.rows) {
    if (r.gender == gender) return r;
  }
  throw std::logic_error("no row " + gender);
}

TEST(AgeBand, TheAgeAtStartDecides) {
  EXPECT_STREQ(age_band(2009, 2026), "under_18");
  EXPECT_STREQ(age_band(2008, 2026), "18_29");
  EXPECT_STREQ(age_band(1997, 2026), "18_29");
  EXPECT_STREQ(age_band(1996, 2026), "30_54");
  EXPECT_STREQ(age_band(1972, 2026), "30_54");
  EXPECT_STREQ(age_band(1971, 2026), "55_and_over");
}

TEST(MissingFacts, NamesEachUnknownFactWithWhy) {
  EXPECT_TRUE(missing_facts(facts("woman", 1980, "employed", "isced_5_8")).empty());
  EXPECT_EQ(missing_facts(std::nullopt).size(), 4u);
  EXPECT_EQ(missing_facts(std::nullopt)[0].state, "not_recorded");
  auto f = facts("not_stated", 1980, "employed", "isced_5_8");
  f.birth_year = {"declined", std::nullopt, std::nullopt};
  f.employment_status = {"not_asked", std::nullopt, std::nullopt};
  f.education_level = answered("not_stated");
  const auto missing = missing_facts(f);
  ASSERT_EQ(missing.size(), 4u);
  EXPECT_EQ(missing[0].fact, "gender");
  EXPECT_EQ(missing[0].state, "not_stated");
  EXPECT_EQ(missing[1].fact, "birth_year");
  EXPECT_EQ(missing[1].state, "declined");
  EXPECT_EQ(missing[2].state, "not_asked");
  EXPECT_EQ(missing[3].state, "not_stated");
}

TEST(MissingFacts, AnAnsweredBirthYearThatIsNoNumberIsNotStated) {
  auto f = facts("man", 1980, "employed", "isced_3_4");
  f.birth_year = answered("nineteen-eighty");
  ASSERT_EQ(missing_facts(f).size(), 1u);
  EXPECT_EQ(missing_facts(f)[0].state, "not_stated");
  f.birth_year = {"answered", std::nullopt, std::nullopt};
  EXPECT_EQ(missing_facts(f)[0].state, "not_stated");
}

TEST(Indicators, CrossesGenderWithEmploymentAgeAndEducationWithSources) {
  const auto i =
      compute_indicators({person(1, facts("woman", 1980, "long_term_unemployed", "isced_3_4")),
                          person(2, facts("woman", 2000, "employed", "isced_5_8")),
                          person(3, facts("non_binary", 1960, "inactive", "isced_0_2")),
                          person(4, facts("man", 2010, "unemployed", "isced_0_2"))},
                         {});
  EXPECT_EQ(i.participants, 4);
  EXPECT_EQ(i.complete, 4);
  const auto& woman = row(i, "woman");
  EXPECT_EQ(woman.total.count, 2);
  EXPECT_EQ(woman.employment[0].count, 1);  // unemployed, including long-term
  EXPECT_EQ(woman.employment[1].count, 1);  // of which long-term
  EXPECT_EQ(woman.employment[3].count, 1);  // employed
  EXPECT_EQ(woman.age[1].count, 1);         // 18-29 (2000 at a 2026 start)
  EXPECT_EQ(woman.age[2].count, 1);         // 30-54
  EXPECT_EQ(woman.education[1].count, 1);
  EXPECT_EQ(woman.employment[3].gender_sources.self_declared, 1);
  EXPECT_EQ(woman.employment[3].fact_sources.target_group, 1);
  EXPECT_EQ(woman.education[2].fact_sources.estimate, 1);
  EXPECT_EQ(row(i, "non_binary").age[3].count, 1);
  EXPECT_EQ(row(i, "man").age[0].count, 1);
  EXPECT_EQ(row(i, "total").total.count, 4);
  EXPECT_EQ(row(i, "total").employment[0].count, 2);
}

TEST(Indicators, IncompletePeopleAreListedNotCounted) {
  auto declined = facts("woman", 1980, "employed", "isced_5_8");
  declined.education_level = {"declined", std::nullopt, std::nullopt};
  const auto i = compute_indicators({person(1, facts("man", 1980, "employed", "isced_5_8")),
                                     person(2, declined), person(3, std::nullopt)},
                                    {});
  EXPECT_EQ(i.participants, 3);
  EXPECT_EQ(i.complete, 1);
  ASSERT_EQ(i.incomplete.size(), 2u);
  EXPECT_EQ(i.incomplete[0].participant_id, "p2");
  EXPECT_EQ(i.incomplete[0].missing.size(), 1u);
  EXPECT_EQ(i.incomplete[1].missing.size(), 4u);
  EXPECT_EQ(row(i, "total").total.count, 1);
}

TEST(Indicators, ThePeriodFiltersByStartAndThoseNotStartedAreLeftOut) {
  const auto f = facts("man", 1980, "employed", "isced_5_8");
  const std::vector<IndicatorPerson> people{person(1, f, "2026-01-31"), person(2, f, "2026-02-01"),
                                            person(3, f, "2026-02-28"), person(4, f, "2026-03-01"),
                                            person(5, f, nullptr)};
  const auto i = compute_indicators(people, {"2026-02-01", "2026-02-28"});
  EXPECT_EQ(i.participants, 2);
  EXPECT_EQ(i.not_started, 1);
  EXPECT_EQ(compute_indicators(people, {std::nullopt, "2026-02-01"}).participants, 2);
  EXPECT_EQ(compute_indicators(people, {"2026-02-28", std::nullopt}).participants, 2);
}

TEST(Indicators, OnePersonCountsOnceWithTheirFirstStart) {
  const auto f = facts("woman", 2008, "employed", "isced_3_4");  // 17 in 2025, 18 in 2026
  const auto i = compute_indicators(
      {person(1, f, "2026-03-01"), person(1, f, "2025-09-01"), person(1, f, nullptr)}, {});
  EXPECT_EQ(i.participants, 1);
  EXPECT_EQ(row(i, "total").age[0].count, 1);  // under 18 at the first start
  EXPECT_EQ(
      compute_indicators({person(1, f, nullptr), person(1, f, "2026-03-01")}, {}).participants, 1);
}

TEST(Indicators, PublicBodiesAreDistinctOrganisationsByType) {
  const auto f = facts("woman", 1980, "employed", "isced_5_8");
  const auto i = compute_indicators({person(1, f, "2026-04-01", "o1", "municipality"),
                                     person(2, std::nullopt, "2026-04-01", "o1", "municipality"),
                                     person(3, f, "2026-04-01", "o2", "municipality"),
                                     person(4, f, "2026-04-01", "o3", "region")},
                                    {});
  ASSERT_EQ(i.public_bodies.size(), 2u);
  EXPECT_EQ(i.public_bodies[0].organisation_type, "municipality");
  EXPECT_EQ(i.public_bodies[0].organisations, 2);
  EXPECT_EQ(i.public_bodies[1].organisations, 1);
  EXPECT_EQ(i.public_bodies_total, 3);
  auto unknown_org = person(5, f);
  unknown_org.organisation_type = std::nullopt;
  EXPECT_EQ(compute_indicators({unknown_org}, {}).public_bodies[0].organisation_type, "unknown");
}

TEST(Suppression, HidesSmallCellsButNotZero) {
  const Suppression rule{5};
  EXPECT_FALSE(suppressed(0, rule));
  EXPECT_TRUE(suppressed(1, rule));
  EXPECT_TRUE(suppressed(4, rule));
  EXPECT_FALSE(suppressed(5, rule));
}

std::int64_t sum(const Sources& s) { return s.self_declared + s.target_group + s.estimate; }

TEST(IndicatorInvariants, HoldForEveryGeneratedPopulation) {
  const std::array<const char*, 5> genders{"woman", "man", "non_binary", "not_stated", "woman"};
  const std::array<const char*, 5> employment{"employed", "unemployed", "long_term_unemployed",
                                              "inactive", "not_stated"};
  const std::array<const char*, 4> education{"isced_0_2", "isced_3_4", "isced_5_8", "not_stated"};
  const std::array<const char*, 3> sources{"self_declared", "target_group", "estimate"};
  const std::array<const char*, 3> states{"answered", "not_asked", "declined"};
  for (unsigned seed = 1; seed <= 200; ++seed) {
    std::mt19937 rng(seed);
    const auto pick = [&](const auto& items) { return items[rng() % items.size()]; };
    const auto fact = [&](const std::string& value) {
      const std::string state = rng() % 8 == 0 ? pick(states) : "answered";
      return state == "answered" ? EntryFact{state, value, std::string(pick(sources))}
                                 : EntryFact{state, std::nullopt, std::nullopt};
    };
    std::vector<IndicatorPerson> people;
    const int n = static_cast<int>(rng() % 60);
    for (int k = 0; k < n; ++k) {
      std::optional<EntryFacts> f;
      if (rng() % 10 != 0) {
        f = EntryFacts{fact(pick(genders)), fact(std::to_string(1940 + rng() % 80)),
                       fact(pick(employment)), fact(pick(education))};
      }
      const auto started = "2026-0" + std::to_string(1 + rng() % 9) + "-15";
      people.push_back(
          person(static_cast<int>(rng() % 50), f, started.c_str(), rng() % 2 ? "o1" : "o2"));
    }
    const auto i = compute_indicators(people, {"2026-02-01", "2026-08-31"});
    const auto& total = row(i, "total");
    SCOPED_TRACE("seed " + std::to_string(seed));
    EXPECT_EQ(total.total.count, i.complete);
    EXPECT_EQ(i.complete + static_cast<std::int64_t>(i.incomplete.size()), i.participants);
    // total = sum over employment statuses (long-term is part of unemployed)
    EXPECT_EQ(total.employment[0].count + total.employment[2].count + total.employment[3].count,
              total.total.count);
    std::int64_t by_gender = 0;
    for (const auto* g : kGenders) by_gender += row(i, g).total.count;
    EXPECT_EQ(by_gender, total.total.count);
    std::int64_t by_age = 0, by_education = 0;
    for (const auto& f : total.age) by_age += f.count;
    for (const auto& f : total.education) by_education += f.count;
    EXPECT_EQ(by_age, total.total.count);
    EXPECT_EQ(by_education, total.total.count);
    for (const auto& r : i.rows) {
      EXPECT_LE(r.employment[1].count, r.employment[0].count);
      EXPECT_EQ(sum(r.total.gender_sources), r.total.count);
      for (const auto& f : r.employment) {
        EXPECT_EQ(sum(f.gender_sources), f.count);
        EXPECT_EQ(sum(f.fact_sources), f.count);
      }
    }
  }
}

}  // namespace
}  // namespace samverkan::reporting
