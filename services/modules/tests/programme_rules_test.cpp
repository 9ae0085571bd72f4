// Every branch of set_programme_rules, and the programme events' rule fields against their schemas.
#include <gtest/gtest.h>

#include <filesystem>
#include <samverkan/events/schema_registry.hpp>

#include "../domain/catalogue.hpp"

namespace samverkan::modules {
namespace {

const Actor kAdmin{ids::FederationId("ostergotland"), "admin-1"};
const Context kContext{"", 1767225600};

Programme programme(const std::string& federation = "ostergotland") {
  return {ids::ProgrammeId("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a10"),
          ids::FederationId(federation),
          "Digital kompetens",
          std::nullopt,
          "ESF",
          1767225600,
          3};
}

// The reference programme: module 1 mandatory, two of modules 2-5, both conferences, 80 % of a
// module's sessions.
ProgrammeRules reference() {
  return {2, 4, false, CompletionRule{80, CompletionBasis::Sessions, true, true, true}};
}

bool names(const DomainError& error, const std::string& field) {
  for (const auto& e : error.errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(SetProgrammeRules, NewRulesAreTheNextVersionWithTheFullStateInTheEvent) {
  const auto r = set_programme_rules(programme(), reference(), kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().state.version, 4);
  EXPECT_EQ(r.value().state.rules, reference());
  ASSERT_TRUE(r.value().event);
  EXPECT_EQ(r.value().event->changed_at, kContext.now);
  const auto data = r.value().event->data();
  EXPECT_EQ(data.at("version").as_int64(), 4);
  EXPECT_EQ(data.at("min_electives").as_int64(), 2);
  EXPECT_EQ(data.at("max_electives").as_int64(), 4);
  EXPECT_EQ(data.at("completion_rule").at("basis").as_string(), "sessions");
  EXPECT_EQ(data.at("completion_rule").at("threshold_percent").as_int64(), 80);
}

TEST(SetProgrammeRules, TheSameRulesAgainChangeNothing) {
  auto current = programme();
  current.rules = reference();
  const auto r = set_programme_rules(current, reference(), kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.value().event);
  EXPECT_EQ(r.value().state.version, 3);
}

TEST(SetProgrammeRules, NeedsTheProgrammeInTheActorsFederation) {
  for (const auto& p : {std::optional<Programme>{}, std::optional(programme("other"))}) {
    const auto r = set_programme_rules(p, reference(), kAdmin, kContext);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, DomainError::Kind::NotFound);
  }
}

TEST(SetProgrammeRules, RefusesNegativeElectives) {
  auto rules = reference();
  rules.min_electives = -1;
  const auto r = set_programme_rules(programme(), rules, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Unprocessable);
  EXPECT_TRUE(names(r.error(), "min_electives"));
}

TEST(SetProgrammeRules, RefusesAMaximumBelowTheMinimum) {
  auto rules = reference();
  rules.max_electives = 1;
  const auto r = set_programme_rules(programme(), rules, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(names(r.error(), "max_electives"));
}

TEST(SetProgrammeRules, RefusesAThresholdOutsideOneToHundred) {
  for (const std::int64_t threshold : {0, 101}) {
    auto rules = reference();
    rules.completion->threshold_percent = threshold;
    const auto r = set_programme_rules(programme(), rules, kAdmin, kContext);
    ASSERT_FALSE(r.ok());
    EXPECT_TRUE(names(r.error(), "completion_rule.threshold_percent"));
  }
}

TEST(SetProgrammeRules, NoCompletionRuleAndNoMaximumAreAllowed) {
  const ProgrammeRules rules{0, std::nullopt, true, std::nullopt};
  const auto r = set_programme_rules(programme(), rules, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  const auto data = r.value().event->data();
  EXPECT_TRUE(data.at("completion_rule").is_null());
  EXPECT_TRUE(data.at("max_electives").is_null());
  EXPECT_TRUE(data.at("start_on_approval").as_bool());
}

TEST(SetProgrammeRules, RefusesAPresentShareOutsideOneToHundred) {
  for (const std::int64_t percent : {0, 101}) {
    auto rules = reference();
    rules.attendance_policy.present_percent = percent;
    const auto r = set_programme_rules(programme(), rules, kAdmin, kContext);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, DomainError::Kind::Unprocessable);
    EXPECT_TRUE(names(r.error(), "attendance_policy.present_percent"));
  }
}

TEST(SetProgrammeRules, DefaultsAreSensitiveCategoriesOffAndPresentAtSeventyFive) {
  const auto r = set_programme_rules(programme(), reference(), kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  const auto data = r.value().event->data();
  EXPECT_FALSE(data.at("sensitive_categories").as_bool());
  EXPECT_EQ(data.at("attendance_policy").at("present_percent").as_int64(), 75);
}

TEST(SetProgrammeRules, EnablingSensitiveCategoriesOrAnotherShareIsAChange) {
  auto current = programme();
  current.rules = reference();
  auto sensitive = reference();
  sensitive.sensitive_categories = true;
  auto share = reference();
  share.attendance_policy.present_percent = 100;
  for (const auto& rules : {sensitive, share}) {
    const auto r = set_programme_rules(current, rules, kAdmin, kContext);
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r.value().event);
    EXPECT_EQ(r.value().state.version, 4);
    const auto data = r.value().event->data();
    EXPECT_EQ(data.at("sensitive_categories").as_bool(), rules.sensitive_categories);
    EXPECT_EQ(data.at("attendance_policy").at("present_percent").as_int64(),
              rules.attendance_policy.present_percent);
  }
}

TEST(CompletionBasis, RoundTripsItsNames) {
  for (const auto basis : {CompletionBasis::Sessions, CompletionBasis::Hours}) {
    EXPECT_EQ(completion_basis_from_string(to_string(basis)), basis);
  }
  EXPECT_FALSE(completion_basis_from_string("days"));
}

TEST(ProgrammeEvents, CreatedAndChangedMatchTheirSchemas) {
  const events::SchemaRegistry registry(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  auto p = programme();
  p.rules = reference();
  EXPECT_NO_THROW(
      registry.validate(std::string(ProgrammeCreated::kType), ProgrammeCreated{p}.data()));
  EXPECT_NO_THROW(
      registry.validate(std::string(ProgrammeChanged::kType), ProgrammeChanged{p, 0}.data()));
  p.rules = {};
  EXPECT_NO_THROW(
      registry.validate(std::string(ProgrammeChanged::kType), ProgrammeChanged{p, 0}.data()));
  p.rules.sensitive_categories = true;
  p.rules.attendance_policy.present_percent = 50;
  EXPECT_NO_THROW(
      registry.validate(std::string(ProgrammeCreated::kType), ProgrammeCreated{p}.data()));
}

}  // namespace
}  // namespace samverkan::modules
