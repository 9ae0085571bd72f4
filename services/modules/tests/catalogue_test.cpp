#include "../domain/catalogue.hpp"

#include <gtest/gtest.h>

namespace samverkan::modules {
namespace {

NewSession valid_session() {
  return {std::nullopt, "lecture", "Power Skills 1", "2026-04-01T10:00:00+02:00", "2026-04-01T12:00:00+02:00",
          "Europe/Stockholm", "online", std::nullopt};
}

bool has_error(const std::vector<json::FieldError>& errors, const std::string& field) {
  for (const auto& e : errors) {
    if (e.field == field) return true;
  }
  return false;
}

TEST(Cohort, AcceptsOrderedDates) { EXPECT_TRUE(validate(NewCohort{"2026", "2026-03-01", "2026-12-31"}).empty()); }

TEST(Cohort, RejectsEndBeforeStart) {
  EXPECT_TRUE(has_error(validate(NewCohort{"2026", "2026-12-31", "2026-03-01"}), "ends_on"));
}

TEST(Cohort, RejectsImpossibleDate) {
  EXPECT_TRUE(has_error(validate(NewCohort{"2026", "2026-02-30", "2026-03-01"}), "starts_on"));
  EXPECT_TRUE(has_error(validate(NewCohort{"2026", "2026-03-01", "1 dec"}), "ends_on"));
}

TEST(Cohort, DateShapeIsExact) {
  for (const char* bad : {"2026-3-01", "2026-03-1", "2026/03/01", "2026-03-01 ", "+2026-3-01", "2026-0--01"}) {
    EXPECT_TRUE(has_error(validate(NewCohort{"2026", bad, "2026-12-31"}), "starts_on")) << bad;
  }
}

TEST(Session, TimeZoneShape) {
  auto s = valid_session();
  for (const char* good : {"UTC", "Europe/Stockholm", "America/Argentina/Buenos_Aires", "Etc/GMT+1"}) {
    s.time_zone = good;
    EXPECT_FALSE(has_error(validate(s), "time_zone")) << good;
  }
  for (const char* bad :
       {"", "/Europe", "Europe/", "Europe//Stockholm", "Europe/Stock holm", "1UTC", "Europe/Stockholm/"}) {
    s.time_zone = bad;
    EXPECT_TRUE(has_error(validate(s), "time_zone")) << bad;
  }
}

TEST(Session, AcceptsSeedLecture) { EXPECT_TRUE(validate(valid_session()).empty()); }

TEST(Session, EndMustFollowStart) {
  auto s = valid_session();
  s.ends_at = s.starts_at;
  EXPECT_TRUE(has_error(validate(s), "ends_at"));
}

TEST(Session, OnSiteNeedsLocation) {
  auto s = valid_session();
  s.delivery = "on_site";
  EXPECT_TRUE(has_error(validate(s), "location"));
  s.location = "Linköping";
  EXPECT_TRUE(validate(s).empty());
}

TEST(Session, RejectsUnknownKindAndDelivery) {
  auto s = valid_session();
  s.kind = "party";
  s.delivery = "carrier pigeon";
  auto errors = validate(s);
  EXPECT_TRUE(has_error(errors, "kind"));
  EXPECT_TRUE(has_error(errors, "delivery"));
}

TEST(Session, RejectsTimesWithoutOffset) {
  auto s = valid_session();
  s.starts_at = "2026-04-01T10:00:00";
  EXPECT_TRUE(has_error(validate(s), "starts_at"));
}

TEST(Session, RejectsSessionsLongerThanADay) {
  auto s = valid_session();
  s.ends_at = "2026-04-03T12:00:00+02:00";
  EXPECT_TRUE(has_error(validate(s), "ends_at"));
}

TEST(Events, SessionScheduledCarriesNullModuleForConference) {
  auto s = valid_session();
  s.kind = "conference";
  auto data = session_scheduled("ostergotland", "id-1", "cohort-1", s);
  EXPECT_TRUE(data.at("module_id").is_null());
  EXPECT_EQ(data.at("federation_id").as_string(), "ostergotland");
}

}  // namespace
}  // namespace samverkan::modules
