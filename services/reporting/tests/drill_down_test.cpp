// Drill-down links and the records route's filter checks (domain/drill_down.hpp).
#include "../domain/drill_down.hpp"

#include <gtest/gtest.h>

namespace samverkan::reporting {
namespace {

const std::string kCohort = "3e9b7fc0-b06d-4cab-af4d-5c8a9badbec3";
const std::string kOrg = "1a2b3c4d-0000-4000-8000-000000000001";

TEST(DrillDown, AMonthIsYearDashMonthFromJanuaryToDecember) {
  EXPECT_TRUE(valid_month("2026-03"));
  EXPECT_TRUE(valid_month("2026-01"));
  EXPECT_TRUE(valid_month("2026-12"));
  EXPECT_FALSE(valid_month("2026-00"));
  EXPECT_FALSE(valid_month("2026-13"));
  EXPECT_FALSE(valid_month("2026-3"));
  EXPECT_FALSE(valid_month("2026/03"));
  EXPECT_FALSE(valid_month("20a6-03"));
  EXPECT_FALSE(valid_month("2026-03-01"));
  EXPECT_FALSE(valid_month(""));
}

TEST(DrillDown, ADateIsYearMonthDay) {
  EXPECT_TRUE(valid_date("2026-03-01"));
  EXPECT_TRUE(valid_date("2026-12-31"));
  EXPECT_FALSE(valid_date("2026-03-00"));
  EXPECT_FALSE(valid_date("2026-03-32"));
  EXPECT_FALSE(valid_date("2026-13-01"));
  EXPECT_FALSE(valid_date("2026-03-1"));
  EXPECT_FALSE(valid_date("2026-03-0a"));
  EXPECT_FALSE(valid_date("2026-03/01"));
}

TEST(DrillDown, IndicatorCellLinkCarriesThePeriod) {
  EXPECT_EQ(indicator_cell_link("g", "2026-01-01", "2026-06-30"),
            (Link{"reporting",
                  "/v1/programmes/g/indicators/participants?from=2026-01-01"
                  "&to=2026-06-30"}));
  EXPECT_EQ(indicator_cell_link("g", std::nullopt, std::nullopt).href,
            "/v1/programmes/g/indicators/participants");
}

TEST(DrillDown, AStatusIsOneAttendanceRecords) {
  for (const char* s : {"present", "late", "excused", "absent"}) EXPECT_TRUE(valid_status(s)) << s;
  EXPECT_FALSE(valid_status("other"));
  EXPECT_FALSE(valid_status("Present"));
  EXPECT_FALSE(valid_status(""));
}

TEST(DrillDown, RecordsLinkWithoutFiltersIsTheCohortsRecords) {
  EXPECT_EQ(records_link(kCohort, {}), (Link{"reporting", "/v1/cohorts/" + kCohort + "/records"}));
}

TEST(DrillDown, RecordsLinkCarriesEveryFilterInAFixedOrder) {
  RecordFilter f;
  f.status = "late";
  f.month = "2026-03";
  f.organisation_id = kOrg;
  f.module_id = "m";
  f.session_id = "s";
  f.participant_id = "p";
  f.include_cancelled = true;
  EXPECT_EQ(records_link(kCohort, f).href,
            "/v1/cohorts/" + kCohort + "/records?organisation_id=" + kOrg +
                "&month=2026-03&module_id=m&session_id=s&participant_id=p&status=late"
                "&include_cancelled=true");
}

TEST(DrillDown, RecordsLinkForOneOrganisationAndMonth) {
  RecordFilter f;
  f.organisation_id = kOrg;
  f.month = "2026-03";
  EXPECT_EQ(records_link(kCohort, f).href,
            "/v1/cohorts/" + kCohort + "/records?organisation_id=" + kOrg + "&month=2026-03");
}

TEST(DrillDown, CompletionsLinkSaysWhichOutcome) {
  EXPECT_EQ(completions_link(kCohort, kOrg, true),
            (Link{"reporting", "/v1/cohorts/" + kCohort + "/completions?organisation_id=" + kOrg +
                                   "&complete=true"}));
  EXPECT_EQ(completions_link(kCohort, std::nullopt, false).href,
            "/v1/cohorts/" + kCohort + "/completions?complete=false");
}

TEST(DrillDown, ARecordOpensToItsHistoryAndAuditOnAttendance) {
  EXPECT_EQ(history_link("s1", "p1"),
            (Link{"attendance", "/v1/sessions/s1/attendance/p1/history"}));
  EXPECT_EQ(audit_link("r1"),
            (Link{"attendance", "/v1/audit?entity_type=attendance&entity_id=r1"}));
  EXPECT_EQ(import_audit_link("i1"),
            (Link{"attendance", "/v1/audit?entity_type=attendance_import&entity_id=i1"}));
}

}  // namespace
}  // namespace samverkan::reporting
