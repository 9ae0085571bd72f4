#include "../domain/enrolment.hpp"

#include <gtest/gtest.h>

namespace samverkan::enrolment {
namespace {

TEST(OrgNumber, AcceptsValidNumbersWithOrWithoutDash) {
  EXPECT_EQ(normalise_org_number("212000-0449"), "212000-0449");  // a municipality's number
  EXPECT_EQ(normalise_org_number("2321000040"), "232100-0040");
}

TEST(OrgNumber, RejectsWrongCheckDigit) { EXPECT_FALSE(normalise_org_number("212000-0448")); }

TEST(OrgNumber, RejectsPersonalIdentityNumbers) {
  // Luhn-valid, but the third digit below 2 makes it a person's number, which we must not store.
  EXPECT_TRUE(luhn_valid("1212121212"));
  EXPECT_FALSE(normalise_org_number("121212-1212"));
}

TEST(OrgNumber, RejectsMalformedText) {
  EXPECT_FALSE(normalise_org_number("21200-00449"));
  EXPECT_FALSE(normalise_org_number("212000 0449"));
  EXPECT_FALSE(normalise_org_number("21200004490"));
  EXPECT_FALSE(normalise_org_number(""));
}

TEST(Organisation, ValidationNormalisesAndChecksType) {
  NewOrganisation o{"Linköpings kommun", "2120000449", "municipality"};
  EXPECT_TRUE(validate(o).empty());
  EXPECT_EQ(o.org_number, "212000-0449");
  o.type = "club";
  ASSERT_EQ(validate(o).size(), 1u);
  EXPECT_EQ(validate(o)[0].field, "type");
}

TEST(Participant, ValidatesEmailGenderAndAge) {
  NewParticipant p{ids::OrganisationId("org"), "Anna", "anna@example.se", "woman", 1980, "chef"};
  EXPECT_TRUE(validate(p, 2026).empty());
  p.email = "anna.example.se";
  p.gender = "female";
  p.birth_year = 2020;
  const auto errors = validate(p, 2026);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "email");
  EXPECT_EQ(errors[1].field, "gender");
  EXPECT_EQ(errors[2].field, "birth_year");
}

}  // namespace
}  // namespace samverkan::enrolment
