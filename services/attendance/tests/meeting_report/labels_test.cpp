#include "../../domain/meeting_report/labels.hpp"

#include <gtest/gtest.h>

namespace samverkan::attendance::meeting_report {
namespace {

TEST(Labels, Normalise) {
  EXPECT_EQ(normalise("  In-Meeting   Duration "), "in-meeting duration");
  EXPECT_EQ(normalise("FÖRSTA ANSLUTNING"), "första anslutning");
  EXPECT_EQ(normalise("ÅÄÖÉ"), "åäöé");
  EXPECT_EQ(normalise("E-post:"), "e-post");
  EXPECT_EQ(normalise("\tName\r\n"), "name");
  EXPECT_EQ(normalise(""), "");
  EXPECT_EQ(normalise("\xC3"), "\xC3");  // a cut-off sequence is kept as it is
}

TEST(Labels, RolesInEnglishAndSwedishAnyCaseWithParentheses) {
  EXPECT_EQ(role_of("Name (Original Name)"), Role::Name);
  EXPECT_EQ(role_of("FULL NAME"), Role::Name);
  EXPECT_EQ(role_of("Namn"), Role::Name);
  EXPECT_EQ(role_of("User Email"), Role::Email);
  EXPECT_EQ(role_of("E-post"), Role::Email);
  EXPECT_EQ(role_of("First join"), Role::Join);
  EXPECT_EQ(role_of("Första anslutning"), Role::Join);
  EXPECT_EQ(role_of("Last leave"), Role::Leave);
  EXPECT_EQ(role_of("Senaste avslut"), Role::Leave);
  EXPECT_EQ(role_of("Duration (Minutes)"), Role::Duration);
  EXPECT_EQ(role_of("Varaktighet i möte"), Role::Duration);
  EXPECT_EQ(role_of("Total Duration (Minutes)"), Role::TotalDuration);
  EXPECT_EQ(role_of("User Action"), Role::Action);
  EXPECT_EQ(role_of("Tidsstämpel"), Role::Timestamp);
  EXPECT_EQ(role_of("Guest"), Role::Guest);
  EXPECT_EQ(role_of("In Waiting Room"), Role::WaitingRoom);
  EXPECT_EQ(role_of("Participant ID (UPN)"), Role::Unknown);
  EXPECT_EQ(role_of("Role"), Role::Unknown);
  EXPECT_EQ(role_of("(Name)"), Role::Unknown);
  EXPECT_EQ(role_of("Name (x"), Role::Unknown);
}

TEST(Labels, ActionsAndFlags) {
  EXPECT_EQ(action_of("Joined"), Action::Joined);
  EXPECT_EQ(action_of("anslöt"), Action::Joined);
  EXPECT_EQ(action_of("Joined before"), Action::JoinedBefore);
  EXPECT_EQ(action_of("Anslöt före"), Action::JoinedBefore);
  EXPECT_EQ(action_of("Left"), Action::Left);
  EXPECT_EQ(action_of("Lämnade"), Action::Left);
  EXPECT_EQ(action_of("Waved"), Action::Unknown);
  for (const char* y : {"Yes", "ja", "TRUE", "1", "y"}) EXPECT_TRUE(yes(y)) << y;
  for (const char* n : {"No", "nej", "", "false", "0"}) EXPECT_FALSE(yes(n)) << n;
}

}  // namespace
}  // namespace samverkan::attendance::meeting_report
