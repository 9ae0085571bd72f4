// Entry facts: every rule of validate(), the legacy mapping, the record/correction decision, the
// login link decision, who may see a participant, and the two new events against their schemas.
#include "../domain/entry_facts.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "../domain/events.hpp"
#include "../domain/participant_events.hpp"
#include "../domain/participant_link.hpp"
#include "fixtures.hpp"

namespace samverkan::enrolment {
namespace {

using namespace test;
constexpr int kYear = 2027;

EntryFacts answered_facts() {
  EntryFacts f;
  f.gender = Fact<std::string>::answered("woman", FactSource::SelfDeclared);
  f.birth_year = Fact<std::int64_t>::answered(1980, FactSource::SelfDeclared);
  f.employment_status = Fact<std::string>::answered("employed", FactSource::TargetGroup);
  f.education_level = Fact<std::string>::declined();
  return f;
}

std::vector<std::string> fields(const std::vector<json::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

using Fields = std::vector<std::string>;

TEST(EntryFactsValidate, AnsweredDeclinedAndNotAskedAreValid) {
  EXPECT_TRUE(validate(answered_facts(), kYear).empty());
  EXPECT_TRUE(validate(EntryFacts{}, kYear).empty());  // nothing asked yet
}

TEST(EntryFactsValidate, AnAnswerNeedsAValueAndASource) {
  auto f = answered_facts();
  f.gender.value.reset();
  f.employment_status.source.reset();
  EXPECT_EQ(fields(validate(f, kYear)),
            (Fields{"entry_facts.gender.value", "entry_facts.employment_status.source"}));
}

TEST(EntryFactsValidate, NotAnsweredHasNeitherValueNorSource) {
  auto f = answered_facts();
  f.education_level.value = "isced_3_4";
  f.education_level.source = FactSource::Estimate;
  EXPECT_EQ(fields(validate(f, kYear, "facts.")),
            (Fields{"facts.education_level.value", "facts.education_level.source"}));
}

TEST(EntryFactsValidate, ValuesOutsideTheListsAreRefused) {
  auto f = answered_facts();
  f.gender.value = "undisclosed";  // legacy word: a declined fact, not an answer
  f.employment_status.value = "retired";
  f.education_level = Fact<std::string>::answered("isced_9", FactSource::SelfDeclared);
  EXPECT_EQ(fields(validate(f, kYear, "")),
            (Fields{"gender.value", "employment_status.value", "education_level.value"}));
}

TEST(EntryFactsValidate, BirthYearMakesTheParticipant15To100) {
  auto f = answered_facts();
  f.birth_year.value = kYear - 14;
  EXPECT_EQ(fields(validate(f, kYear, "")), (Fields{"birth_year.value"}));
  f.birth_year.value = kYear - 101;
  EXPECT_EQ(fields(validate(f, kYear, "")), (Fields{"birth_year.value"}));
  f.birth_year.value = kYear - 15;
  EXPECT_TRUE(validate(f, kYear).empty());
}

TEST(EntryFactsLegacy, UndisclosedIsDeclinedAndAnswersAreSelfDeclared) {
  const auto undisclosed = facts_from_registration("undisclosed", 1980);
  EXPECT_EQ(undisclosed.gender, Fact<std::string>::declined());
  EXPECT_EQ(undisclosed.birth_year, Fact<std::int64_t>::answered(1980, FactSource::SelfDeclared));
  EXPECT_EQ(undisclosed.employment_status.state, FactState::NotAsked);
  EXPECT_EQ(undisclosed.education_level.state, FactState::NotAsked);
  EXPECT_EQ(facts_from_registration("non_binary", 1990).gender,
            Fact<std::string>::answered("non_binary", FactSource::SelfDeclared));
}

TEST(EntryFactsLegacy, LegacyGenderKeepsTheThreeAnswersAndOtherwiseUndisclosed) {
  auto f = answered_facts();
  EXPECT_EQ(legacy_gender(f), "woman");
  f.gender = Fact<std::string>::answered("not_stated", FactSource::SelfDeclared);
  EXPECT_EQ(legacy_gender(f), "undisclosed");
  f.gender = Fact<std::string>::declined();
  EXPECT_EQ(legacy_gender(f), "undisclosed");
  f.gender = {};
  EXPECT_EQ(legacy_gender(f), "undisclosed");
}

TEST(EntryFactsNames, StatesAndSourcesRoundTrip) {
  for (auto s : {FactState::Answered, FactState::NotAsked, FactState::Declined}) {
    EXPECT_EQ(fact_state_from(to_string(s)), s);
  }
  for (auto s : {FactSource::SelfDeclared, FactSource::TargetGroup, FactSource::Estimate}) {
    EXPECT_EQ(fact_source_from(to_string(s)), s);
  }
  EXPECT_FALSE(fact_state_from("unknown"));
  EXPECT_FALSE(fact_source_from("guess"));
}

EntryFactsRecord record(std::int64_t version, std::optional<Date> frozen = std::nullopt) {
  return {participant().id, kFed, kOrg, version, frozen, answered_facts()};
}

TEST(DecideEntryFacts, FirstRecordIsVersionOne) {
  const auto d = decide_record_entry_facts(participant(), std::nullopt, std::nullopt,
                                           {answered_facts(), ""}, coordinator());
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d.value().changed);
  EXPECT_FALSE(d.value().correction);
  EXPECT_EQ(d.value().next.version, 1);
  EXPECT_FALSE(d.value().next.frozen_on);
}

TEST(DecideEntryFacts, BeforeTheStartAChangeIsANewVersionWithoutReason) {
  auto facts = answered_facts();
  facts.education_level = Fact<std::string>::answered("isced_5_8", FactSource::SelfDeclared);
  const auto d =
      decide_record_entry_facts(participant(), record(2), std::nullopt, {facts, ""}, admin());
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d.value().changed);
  EXPECT_FALSE(d.value().correction);
  EXPECT_EQ(d.value().next.version, 3);
  EXPECT_EQ(d.value().next.facts, facts);
}

TEST(DecideEntryFacts, TheSameFactsAgainChangeNothing) {
  const auto d = decide_record_entry_facts(participant(), record(4), day(2027, 3, 1),
                                           {answered_facts(), ""}, admin());
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d.value().changed);
  EXPECT_EQ(d.value().next.version, 4);
}

TEST(DecideEntryFacts, AfterTheStartAChangeNeedsAReason) {
  auto facts = answered_facts();
  facts.birth_year.value = 1981;
  const auto refused =
      decide_record_entry_facts(participant(), record(1), day(2027, 3, 1), {facts, ""}, admin());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind, DomainError::Kind::Invalid);
  EXPECT_EQ(refused.error().field, "reason");
}

TEST(DecideEntryFacts, AfterTheStartAChangeIsACorrectionFrozenAtTheStart) {
  auto facts = answered_facts();
  facts.birth_year.value = 1981;
  const auto d = decide_record_entry_facts(participant(), record(1), day(2027, 3, 1),
                                           {facts, "typo in the form"}, admin());
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d.value().changed);
  EXPECT_TRUE(d.value().correction);
  EXPECT_EQ(d.value().next.version, 2);
  EXPECT_EQ(d.value().next.frozen_on, day(2027, 3, 1));
}

TEST(DecideEntryFacts, FirstRecordAfterTheStartIsNoCorrection) {
  const auto d = decide_record_entry_facts(participant(), std::nullopt, day(2027, 3, 1),
                                           {answered_facts(), ""}, admin());
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d.value().correction);
  EXPECT_EQ(d.value().next.frozen_on, day(2027, 3, 1));
}

TEST(DecideEntryFacts, OthersFindNoParticipant) {
  const EntryFactsCommand command{answered_facts(), ""};
  for (const auto& actor : {coordinator(kOtherOrg), trainer(), stranger()}) {
    const auto d =
        decide_record_entry_facts(participant(), std::nullopt, std::nullopt, command, actor);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().kind, DomainError::Kind::NotFound);
  }
  const auto missing =
      decide_record_entry_facts(std::nullopt, std::nullopt, std::nullopt, command, admin());
  EXPECT_EQ(missing.error().kind, DomainError::Kind::NotFound);
}

TEST(DecideLink, SetsTheSubjectAsANewVersion) {
  const auto d = decide_link_subject(participant(), std::string("sub-astrid"), coordinator());
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d.value().changed);
  EXPECT_EQ(d.value().next.subject, "sub-astrid");
  EXPECT_EQ(d.value().next.version, 2);
  EXPECT_EQ(d.value().event.participant.version, 2);
}

TEST(DecideLink, TheSameSubjectAgainChangesNothing) {
  auto p = participant();
  p.subject = "sub-astrid";
  const auto d = decide_link_subject(p, std::string("sub-astrid"), admin());
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d.value().changed);
  EXPECT_EQ(d.value().next.version, 1);
}

TEST(DecideLink, NulloptRemovesTheLink) {
  auto p = participant();
  p.subject = "sub-astrid";
  const auto d = decide_link_subject(p, std::nullopt, admin());
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d.value().changed);
  EXPECT_FALSE(d.value().next.subject);
}

TEST(DecideLink, OthersFindNoParticipant) {
  for (const auto& actor : {coordinator(kOtherOrg), trainer(), stranger()}) {
    const auto d = decide_link_subject(participant(), std::string("x"), actor);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().kind, DomainError::Kind::NotFound);
  }
  EXPECT_FALSE(decide_link_subject(std::nullopt, std::string("x"), admin()).ok());
}

Actor participant_actor(const std::string& subject) {
  return {subject, kFed, {auth::Role::Participant}, std::nullopt};
}

TEST(MaySee, AParticipantSeesOnlyItself) {
  auto p = participant();
  p.subject = "sub-astrid";
  EXPECT_TRUE(may_see(participant_actor("sub-astrid"), p));
  EXPECT_FALSE(may_see(participant_actor("sub-bertil"), p));
  p.subject.reset();
  EXPECT_FALSE(may_see(participant_actor("sub-astrid"), p));
}

TEST(MaySee, ManagersSeeTheirOrganisationsAndNoOtherFederation) {
  auto p = participant();
  EXPECT_TRUE(may_see(admin(), p));
  EXPECT_TRUE(may_see(coordinator(), p));
  EXPECT_FALSE(may_see(coordinator(kOtherOrg), p));
  EXPECT_FALSE(may_see(trainer(), p));
  p.subject = "admin-9";
  EXPECT_FALSE(may_see(stranger(), p));
  EXPECT_FALSE(may_see(Actor{"admin-9", FederationId("skane"), {auth::Role::Participant}, {}}, p));
}

const events::SchemaRegistry& registry() {
  static const events::SchemaRegistry r(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  return r;
}

TEST(ParticipantEvents, EveryNewTypeHasASchema) {
  EXPECT_NO_THROW(require_participant_event_schemas(registry()));
}

TEST(ParticipantEvents, EntryFactsRecordedMatchesItsSchema) {
  for (const auto& r : {record(1), record(3, day(2027, 3, 1))}) {
    const auto data = EntryFactsRecorded{r}.data();
    EXPECT_NO_THROW(registry().validate(std::string(EntryFactsRecorded::kType), data,
                                        events::Strictness::Producer))
        << boost::json::serialize(data);
    EXPECT_EQ(registry().topic_for(std::string(EntryFactsRecorded::kType)), "samverkan.enrolment");
  }
  const auto data = EntryFactsRecorded{record(3, day(2027, 3, 1))}.data();
  EXPECT_EQ(data.at("frozen_on").as_string(), "2027-03-01");
  EXPECT_EQ(data.at("version").as_int64(), 3);
  const auto& education = data.at("facts").at("education_level").as_object();
  EXPECT_EQ(education.at("state").as_string(), "declined");
  EXPECT_TRUE(education.at("value").is_null());
  EXPECT_TRUE(education.at("source").is_null());
  EXPECT_EQ(data.at("facts").at("employment_status").at("source").as_string(), "target_group");
  EXPECT_EQ(EntryFactsRecorded{record(1)}.aggregate_id(), participant().id.str());
}

TEST(ParticipantEvents, ParticipantChangedAndRegisteredCarryTheSubject) {
  auto p = participant();
  p.subject = "sub-astrid";
  p.version = 2;
  for (const auto& data : {ParticipantChanged{p}.data(), ParticipantRegistered{p}.data()}) {
    EXPECT_EQ(data.at("subject").as_string(), "sub-astrid");
  }
  EXPECT_NO_THROW(registry().validate(std::string(ParticipantChanged::kType),
                                      ParticipantChanged{p}.data(), events::Strictness::Producer));
  EXPECT_NO_THROW(registry().validate(std::string(ParticipantRegistered::kType),
                                      ParticipantRegistered{p}.data(),
                                      events::Strictness::Producer));
  p.subject.reset();
  EXPECT_TRUE(ParticipantChanged{p}.data().at("subject").is_null());
  EXPECT_FALSE(ParticipantRegistered{p}.data().contains("subject"));  // absent, as before
  EXPECT_NO_THROW(registry().validate(std::string(ParticipantChanged::kType),
                                      ParticipantChanged{p}.data(), events::Strictness::Producer));
}

}  // namespace
}  // namespace samverkan::enrolment
