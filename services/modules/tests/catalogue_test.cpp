// Every branch of the programme, cohort and module decisions.
#include "../domain/catalogue.hpp"

#include <gtest/gtest.h>

namespace samverkan::modules {
namespace {

const Actor kAdmin{ids::FederationId("ostergotland"), "admin-1"};
const Context kContext{"6f1c1b9e-2f0a-4c55-9b7e-0d5a3c1e2b40", 1767225600};  // 2026-01-01T00:00:00Z

Programme programme(const std::string& federation = "ostergotland") {
  return {ids::ProgrammeId("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a10"),
          ids::FederationId(federation),
          "Digital kompetens",
          std::nullopt,
          "ESF",
          1767225600,
          1};
}

bool has_error(const DomainError& error, const std::string& field) {
  for (const auto& e : error.errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(CreateProgramme, IsVersionOneOfTheActorsFederationWithItsEvent) {
  const auto d = create_programme({"Digital kompetens", "Om", "ESF"}, kAdmin, kContext);
  EXPECT_EQ(d.state.id.str(), kContext.new_id);
  EXPECT_EQ(d.state.federation, kAdmin.federation);
  EXPECT_EQ(d.state.created_at, kContext.now);
  EXPECT_EQ(d.state.version, 1);
  ASSERT_TRUE(d.event);
  EXPECT_EQ(d.event->programme.id, d.state.id);
}

TEST(CreateCohort, AcceptsOrderedDates) {
  const auto r = create_cohort(programme(), {"2026", "2026-03-01", "2026-12-31"}, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().state.programme, programme().id);
  EXPECT_EQ(r.value().state.version, 1);
  ASSERT_TRUE(r.value().event);
  EXPECT_EQ(r.value().event->cohort.id.str(), kContext.new_id);
}

TEST(CreateCohort, SameDayIsAllowed) {
  EXPECT_TRUE(
      create_cohort(programme(), {"Dag", "2026-03-01", "2026-03-01"}, kAdmin, kContext).ok());
}

TEST(CreateCohort, RejectsEndBeforeStart) {
  const auto r = create_cohort(programme(), {"2026", "2026-12-31", "2026-03-01"}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Invalid);
  EXPECT_TRUE(has_error(r.error(), "ends_on"));
}

TEST(CreateCohort, RejectsImpossibleDates) {
  auto r = create_cohort(programme(), {"2026", "2026-02-30", "2026-03-01"}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_error(r.error(), "starts_on"));
  r = create_cohort(programme(), {"2026", "2026-03-01", "1 dec"}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(has_error(r.error(), "ends_on"));
}

TEST(CreateCohort, BadDatesAreReportedBeforeAMissingProgramme) {
  const auto r = create_cohort(std::nullopt, {"2026", "x", "2026-03-01"}, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::Invalid);
}

TEST(CreateCohort, NeedsTheProgrammeInTheActorsFederation) {
  const NewCohort c{"2026", "2026-03-01", "2026-12-31"};
  auto r = create_cohort(std::nullopt, c, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::NotFound);
  r = create_cohort(programme("skane"), c, kAdmin, kContext);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, DomainError::Kind::NotFound);
}

TEST(CreateModule, BelongsToTheProgramme) {
  const auto r = create_module(programme(), {"PS1", "Power Skills 1", true, 12}, kAdmin, kContext);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().state.programme, programme().id);
  EXPECT_EQ(r.value().state.planned_hours, 12);
  EXPECT_EQ(r.value().state.version, 1);
  ASSERT_TRUE(r.value().event);
}

TEST(CreateModule, NeedsTheProgrammeInTheActorsFederation) {
  const NewModule m{"PS1", "Power Skills 1", true, 12};
  EXPECT_EQ(create_module(std::nullopt, m, kAdmin, kContext).error().kind,
            DomainError::Kind::NotFound);
  EXPECT_EQ(create_module(programme("skane"), m, kAdmin, kContext).error().kind,
            DomainError::Kind::NotFound);
}

TEST(SessionStatus, RoundTripsItsNames) {
  for (auto status : {SessionStatus::Scheduled, SessionStatus::Cancelled}) {
    EXPECT_EQ(session_status_from_string(to_string(status)), status);
  }
  EXPECT_FALSE(session_status_from_string("postponed"));
}

TEST(TextShapes, DateShapeIsExact) {
  EXPECT_TRUE(is_date("2026-03-01"));
  for (const char* bad :
       {"2026-3-01", "2026-03-1", "2026/03/01", "2026-03-01 ", "+2026-3-01", "2026-0--01", "2026-02-30"}) {
    EXPECT_FALSE(is_date(bad)) << bad;
  }
}

TEST(TextShapes, TimeZoneShape) {
  for (const char* good : {"UTC", "Europe/Stockholm", "America/Argentina/Buenos_Aires", "Etc/GMT+1"}) {
    EXPECT_TRUE(is_zone_name(good)) << good;
  }
  for (const char* bad :
       {"", "/Europe", "Europe/", "Europe//Stockholm", "Europe/Stock holm", "1UTC", "Europe/Stockholm/"}) {
    EXPECT_FALSE(is_zone_name(bad)) << bad;
  }
  // Long input costs a linear scan, no recursion (std::regex overflowed the stack on such input).
  EXPECT_TRUE(is_zone_name("Europe/" + std::string(100000, 'a')));
}

}  // namespace
}  // namespace samverkan::modules
