// The choice of modules: mandatory ones always, the right number of electives from the programme,
// and who may choose when.
#include "../domain/electives.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace samverkan::enrolment {
namespace {

using namespace test;
using Kind = DomainError::Kind;

const ModuleId kM1("00000000-0000-4000-8000-0000000000a1");  // mandatory
const ModuleId kM2("00000000-0000-4000-8000-0000000000a2");
const ModuleId kM3("00000000-0000-4000-8000-0000000000a3");
const ModuleId kM4("00000000-0000-4000-8000-0000000000a4");
const ModuleId kElsewhere("00000000-0000-4000-8000-0000000000ff");
const auto kNow = noon(2027, 1, 12);

// The reference programme's shape: module 1 mandatory, the participant takes two of the others.
ProgrammeCatalogue catalogue() {
  return {2, 2, {{kM1, true}, {kM2, false}, {kM3, false}, {kM4, false}}};
}

Actor self() {
  return {"person-1", kFed, {auth::Role::Participant}, std::nullopt, participant().id};
}

TEST(Electives, MandatoryModulesAreAlwaysIncluded) {
  const auto r = decide_choose_modules(pending(), self(), catalogue(), {kM4, kM2}, kNow);
  ASSERT_TRUE(r.ok());
  // In the catalogue's order, module 1 added.
  EXPECT_EQ(r.value().next.module_ids, (std::vector<ModuleId>{kM1, kM2, kM4}));
  EXPECT_EQ(r.value().next.version, 2);
  EXPECT_EQ(r.value().changed.enrolment.module_ids, r.value().next.module_ids);
}

TEST(Electives, NamingTheMandatoryModuleDoesNotCountAsAnElective) {
  const auto r = decide_choose_modules(pending(), admin(), catalogue(), {kM1, kM2, kM3}, kNow);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().next.module_ids, (std::vector<ModuleId>{kM1, kM2, kM3}));
}

TEST(Electives, WrongNumberIsNamed) {
  for (const auto& chosen : {std::vector<ModuleId>{kM2}, std::vector<ModuleId>{kM2, kM3, kM4}}) {
    const auto r = decide_choose_modules(pending(), admin(), catalogue(), chosen, kNow);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, Kind::Invalid);
    EXPECT_EQ(r.error().field, "module_ids");
    EXPECT_NE(r.error().message.find("exactly 2"), std::string::npos) << r.error().message;
  }
}

TEST(Electives, RangesAreDescribed) {
  auto c = catalogue();
  c.max_electives.reset();
  auto r = decide_choose_modules(pending(), admin(), c, {kM2}, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("at least 2"), std::string::npos);
  c.min_electives = 1;
  c.max_electives = 2;
  r = decide_choose_modules(pending(), admin(), c, {kM2, kM3, kM4}, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("between 1 and 2"), std::string::npos);
}

TEST(Electives, OutsideTheProgrammeOrTwiceIsNamed) {
  auto r = decide_choose_modules(pending(), admin(), catalogue(), {kM2, kElsewhere}, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "module_ids");
  EXPECT_NE(r.error().message.find(kElsewhere.str()), std::string::npos);
  r = decide_choose_modules(pending(), admin(), catalogue(), {kM2, kM2}, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find("twice"), std::string::npos);
}

TEST(Electives, AParticipantChoosesOnlyBeforeApproval) {
  const auto r = decide_choose_modules(approved(), self(), catalogue(), {kM2, kM3}, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Kind::Conflict);
  // The organisation can still change an approved participant's choice.
  EXPECT_TRUE(decide_choose_modules(approved(), coordinator(), catalogue(), {kM2, kM3}, kNow).ok());
}

TEST(Electives, ClosedEnrolmentsAndOthersAreRefused) {
  Enrolment withdrawn = approved();
  withdrawn.status = EnrolmentStatus::Withdrawn;
  auto r = decide_choose_modules(withdrawn, admin(), catalogue(), {kM2, kM3}, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Kind::Conflict);
  r = decide_choose_modules(pending(), coordinator(kOtherOrg), catalogue(), {kM2, kM3}, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Kind::NotFound);
  r = decide_choose_modules(pending(), stranger(), catalogue(), {kM2, kM3}, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Kind::NotFound);
}

}  // namespace
}  // namespace samverkan::enrolment
