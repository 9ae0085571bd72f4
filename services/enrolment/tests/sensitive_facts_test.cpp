// Every branch of the sensitive categories' rules (ADR 0070): who may see them, when they are
// collected, the shape of an answer, the per-cohort counts and their versions, and the counts
// event against its schema, which names no participant.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <filesystem>
#include <samverkan/events/schema_registry.hpp>

#include "../domain/sensitive_counts_event.hpp"
#include "../domain/sensitive_facts.hpp"

namespace samverkan::enrolment {
namespace {

const FederationId kFed("ostergotland");
const OrganisationId kOrg("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a01");
const OrganisationId kOtherOrg("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a02");
const ParticipantId kPerson("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a03");

Participant person(const FederationId& fed = kFed) {
  return {kPerson, fed, kOrg, "Astrid", "astrid@example.se", "woman", 1980, "", 1, std::nullopt};
}
Actor admin() { return {"admin-1", kFed, {auth::Role::FederationAdmin}, {}, {}}; }
Actor coordinator(const OrganisationId& org) {
  return {"coord-1", kFed, {auth::Role::OrgCoordinator}, org, {}};
}
Actor self(const ParticipantId& id) { return {"p-1", kFed, {auth::Role::Participant}, {}, id}; }

SensitiveFact yes() { return {FactState::Answered, true}; }
SensitiveFact no() { return {FactState::Answered, false}; }
SensitiveFact declined() { return {FactState::Declined, std::nullopt}; }

SensitiveFacts answers() { return {yes(), no(), declined()}; }

TEST(SensitiveFacts, AdminOwnCoordinatorAndTheParticipantThemselfMaySeeThem) {
  EXPECT_TRUE(may_see_sensitive_facts(admin(), person()));
  EXPECT_TRUE(may_see_sensitive_facts(coordinator(kOrg), person()));
  EXPECT_TRUE(may_see_sensitive_facts(self(kPerson), person()));
}

TEST(SensitiveFacts, NobodyElseMaySeeThem) {
  EXPECT_FALSE(may_see_sensitive_facts(coordinator(kOtherOrg), person()));
  EXPECT_FALSE(may_see_sensitive_facts(self(ParticipantId("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a09")),
                                       person()));
  EXPECT_FALSE(may_see_sensitive_facts({"t-1", kFed, {auth::Role::Trainer}, {}, {}}, person()));
  EXPECT_FALSE(
      may_see_sensitive_facts({"f-1", kFed, {auth::Role::FunderAuditor}, {}, {}}, person()));
  EXPECT_FALSE(may_see_sensitive_facts(admin(), person(FederationId("other"))));
}

TEST(SensitiveFacts, AHiddenOrMissingParticipantIsNotFound) {
  for (const auto& [participant, actor] :
       {std::pair{std::optional<Participant>{}, admin()},
        std::pair{std::optional(person()), coordinator(kOtherOrg)}}) {
    const auto r = decide_record_sensitive_facts(participant, true, std::nullopt, answers(), actor);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, DomainError::Kind::NotFound);
  }
}

TEST(SensitiveFacts, RefusedWhenNoProgrammeOfTheParticipantCollectsThem) {
  const auto r = decide_record_sensitive_facts(person(), false, std::nullopt, answers(), admin());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Conflict);
  EXPECT_NE(r.error().message.find("not collected"), std::string::npos);
}

TEST(SensitiveFacts, TheFirstRecordIsVersionOneAndAChangeTheNext) {
  const auto first = decide_record_sensitive_facts(person(), true, std::nullopt, answers(),
                                                   self(kPerson));
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first.value().changed);
  EXPECT_EQ(first.value().next.version, 1);
  EXPECT_EQ(first.value().next.facts, answers());
  auto changed = answers();
  changed.minority = no();
  const auto second = decide_record_sensitive_facts(person(), true, first.value().next, changed,
                                                    coordinator(kOrg));
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second.value().changed);
  EXPECT_EQ(second.value().next.version, 2);
}

TEST(SensitiveFacts, TheSameFactsAgainChangeNothing) {
  const SensitiveFactsRecord current{kPerson, kFed, 3, answers()};
  const auto r = decide_record_sensitive_facts(person(), true, current, answers(), admin());
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r.value().changed);
  EXPECT_EQ(r.value().next.version, 3);
}

TEST(SensitiveFacts, AValueExactlyWhenAnswered) {
  EXPECT_TRUE(validate(answers()).empty());
  EXPECT_TRUE(validate(SensitiveFacts{}).empty());
  const SensitiveFacts bad{{FactState::Answered, std::nullopt},
                           {FactState::Declined, true},
                           {FactState::NotAsked, false}};
  const auto errors = validate(bad, "");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "disability.value");
  EXPECT_EQ(errors[1].field, "foreign_background.value");
  EXPECT_EQ(errors[2].field, "minority.value");
}

TEST(SensitiveCounts, EachAnswerInItsBucketAndNothingRecordedIsNotAsked) {
  const auto counts = count_sensitive(
      {answers(), SensitiveFacts{no(), yes(), yes()}, std::nullopt, SensitiveFacts{}});
  EXPECT_EQ(counts.disability, (CategoryCounts{1, 1, 0, 2}));
  EXPECT_EQ(counts.foreign_background, (CategoryCounts{1, 1, 0, 2}));
  EXPECT_EQ(counts.minority, (CategoryCounts{1, 0, 1, 2}));
  EXPECT_EQ(count_sensitive({}), SensitiveCounts{});
}

TEST(SensitiveCounts, ANewVersionOnlyWhenTheCountsMoved) {
  CohortSensitiveCounts current{kFed, CohortId("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a04"),
                                ids::ProgrammeId("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a05"), 0, {}};
  // Never published: the first counts go out even when all are zero.
  const auto first = next_sensitive_counts(current, SensitiveCounts{});
  ASSERT_TRUE(first);
  EXPECT_EQ(first->version, 1);
  EXPECT_FALSE(next_sensitive_counts(*first, SensitiveCounts{}));
  const auto moved = next_sensitive_counts(*first, count_sensitive({answers()}));
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->version, 2);
  EXPECT_EQ(moved->counts.disability.yes, 1);
}

TEST(SensitiveCounts, TheEventMatchesItsSchemaAndCarriesCountsOnly) {
  const events::SchemaRegistry registry(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  const CohortSensitiveCounts counts{kFed, CohortId("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a04"),
                                     ids::ProgrammeId("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a05"), 2,
                                     count_sensitive({answers(), std::nullopt})};
  const SensitiveCountsChanged event{counts, Timestamp{}};
  const auto data = event.data();
  EXPECT_NO_THROW(registry.validate(std::string(SensitiveCountsChanged::kType), data));
  EXPECT_EQ(event.aggregate_id(), counts.cohort.str());
  EXPECT_EQ(data.at("counts").at("minority").at("declined").as_int64(), 1);
  EXPECT_EQ(data.at("counts").at("disability").at("not_asked").as_int64(), 1);
  EXPECT_EQ(boost::json::serialize(data).find(kPerson.str()), std::string::npos);
  EXPECT_EQ(to_string(SensitiveCategory::ForeignBackground), "foreign_background");
}

}  // namespace
}  // namespace samverkan::enrolment
