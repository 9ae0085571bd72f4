// The participants behind an indicator cell (domain/indicator_cells.hpp): a query names one cell
// or the parameter that is wrong, and over generated populations every cell's members number
// exactly its count.
#include "../domain/indicator_cells.hpp"

#include <gtest/gtest.h>

#include <random>

namespace samverkan::reporting {
namespace {

EntryFact answered(const std::string& value) { return {"answered", value, "self_declared"}; }

IndicatorPerson person(const std::string& id, const char* gender, int birth_year,
                       const char* employment, const char* education, const char* started) {
  return {id, "o1", std::string("municipality"),
          started ? std::optional<std::string>(started) : std::nullopt,
          EntryFacts{answered(gender), answered(std::to_string(birth_year)), answered(employment),
                     answered(education)}};
}

TEST(IndicatorCell, NoParametersIsTheTotalOfTheTotalRow) {
  const auto parsed = parse_cell({});
  ASSERT_TRUE(parsed.cell);
  EXPECT_EQ(parsed.cell->gender, "total");
  EXPECT_EQ(parsed.cell->axis, IndicatorCell::Axis::Total);
}

TEST(IndicatorCell, AGenderAndOneColumn) {
  const auto e = parse_cell({"woman", "long_term_unemployed", std::nullopt, std::nullopt}).cell;
  ASSERT_TRUE(e);
  EXPECT_EQ((std::pair{e->axis, e->column}),
            (std::pair{IndicatorCell::Axis::Employment, std::string("long_term_unemployed")}));
  const auto a = parse_cell({std::nullopt, std::nullopt, "55_and_over", std::nullopt}).cell;
  ASSERT_TRUE(a);
  EXPECT_EQ(a->axis, IndicatorCell::Axis::Age);
  const auto d = parse_cell({"non_binary", std::nullopt, std::nullopt, "isced_3_4"}).cell;
  ASSERT_TRUE(d);
  EXPECT_EQ(d->axis, IndicatorCell::Axis::Education);
  EXPECT_EQ(d->gender, "non_binary");
}

TEST(IndicatorCell, AnUnknownValueOrASecondColumnNamesItsParameter) {
  EXPECT_EQ(parse_cell({"female", std::nullopt, std::nullopt, std::nullopt}).bad_parameter,
            "gender");
  EXPECT_EQ(parse_cell({std::nullopt, "retired", std::nullopt, std::nullopt}).bad_parameter,
            "employment_status");
  EXPECT_EQ(parse_cell({std::nullopt, std::nullopt, "40s", std::nullopt}).bad_parameter,
            "age_band");
  EXPECT_EQ(parse_cell({std::nullopt, std::nullopt, std::nullopt, "isced_9"}).bad_parameter,
            "education_level");
  const auto two = parse_cell({std::nullopt, "employed", "18_29", std::nullopt});
  EXPECT_FALSE(two.cell);
  EXPECT_EQ(two.bad_parameter, "age_band");
}

TEST(IndicatorCell, MembersAreThePeopleTheCellCounts) {
  const std::vector<IndicatorPerson> people{
      person("a", "woman", 1980, "long_term_unemployed", "isced_3_4", "2026-04-01"),
      person("b", "woman", 1999, "employed", "isced_5_8", "2026-04-02"),
      person("c", "man", 1960, "inactive", "isced_0_2", "2026-04-03"),
      person("d", "woman", 1980, "unemployed", "isced_3_4", nullptr),        // not started
      person("e", "woman", 1980, "unemployed", "isced_3_4", "2025-01-01")};  // before the period
  const IndicatorQuery april{"2026-04-01", "2026-04-30"};
  const auto members = [&](CellQuery q) {
    return cell_members(people, april, *parse_cell(q).cell);
  };
  EXPECT_EQ(members({"woman", "unemployed", std::nullopt, std::nullopt}),
            (std::vector<std::string>{"a"}));  // long-term unemployed are unemployed too
  EXPECT_EQ(members({"woman", std::nullopt, std::nullopt, std::nullopt}),
            (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(members({}), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(members({"total", std::nullopt, "55_and_over", std::nullopt}),
            (std::vector<std::string>{"c"}));
  EXPECT_EQ(members({"man", std::nullopt, std::nullopt, "isced_5_8"}),
            (std::vector<std::string>{}));
}

TEST(IndicatorCell, APersonInSeveralCohortsCountsOnceFromTheEarliestStart) {
  // The earliest start (2026-03-01) is outside April: the person is in no April cell.
  const std::vector<IndicatorPerson> people{
      person("a", "woman", 1980, "employed", "isced_3_4", "2026-04-10"),
      person("a", "woman", 1980, "employed", "isced_3_4", "2026-03-01")};
  EXPECT_TRUE(cell_members(people, {"2026-04-01", "2026-04-30"}, IndicatorCell{}).empty());
  EXPECT_EQ(cell_members(people, {}, IndicatorCell{}), (std::vector<std::string>{"a"}));
}

TEST(IndicatorCell, EveryCellsMembersNumberItsCount) {
  std::mt19937 random(9);
  const auto pick = [&](const auto& names) { return names[random() % names.size()]; };
  for (int round = 0; round < 20; ++round) {
    std::vector<IndicatorPerson> people;
    for (int n = 0; n < 60; ++n) {
      auto p = person("p" + std::to_string(n % 50), pick(kGenders),
                      1940 + static_cast<int>(random() % 70), pick(kEmployment), pick(kEducation),
                      random() % 5 == 0 ? nullptr : "2026-04-01");
      if (random() % 7 == 0) p.facts->education_level = {"declined", std::nullopt, std::nullopt};
      if (random() % 3 == 0) p.started_on = "2026-0" + std::to_string(1 + random() % 9) + "-15";
      people.push_back(std::move(p));
    }
    const IndicatorQuery query{"2026-03-01", "2026-06-30"};
    const auto indicators = compute_indicators(people, query);
    std::vector<IndicatorCell> cells;
    for (const auto* g : {"woman", "man", "non_binary", "total"}) {
      cells.push_back({g, IndicatorCell::Axis::Total, ""});
      for (const auto* c : kEmployment) cells.push_back({g, IndicatorCell::Axis::Employment, c});
      for (const auto* c : kAgeBands) cells.push_back({g, IndicatorCell::Axis::Age, c});
      for (const auto* c : kEducation) cells.push_back({g, IndicatorCell::Axis::Education, c});
    }
    for (const auto& cell : cells) {
      EXPECT_EQ(static_cast<std::int64_t>(cell_members(people, query, cell).size()),
                figure_of(indicators, cell).count)
          << cell.gender << " " << cell.column;
    }
  }
}

}  // namespace
}  // namespace samverkan::reporting
