// The records behind the summary's figures (repo/records.hpp, ADR 0078), against the real
// database: for an organisation, and for an organisation and a month, the listed records add up
// exactly to the figure; paging lists each record once with the same totals on every page; and
// each record says where its revision came from.
#include <gtest/gtest.h>

#include <set>

#include "../repo/records.hpp"
#include "../repo/reports.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

using boost::json::object;
using repo::RecordsPage;

const std::string kFed = "fed-records";
const std::string kHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

class RecordsRead : public ::testing::Test {
 protected:
  std::string cohort = uuid(kCohort, 21), module = uuid(kModule, 21);
  std::string motala = uuid(kOrganisation, 21), linkoping = uuid(kOrganisation, 22);
  std::string import_id = "5a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

  void feed(const std::string& type, object data, const std::string& fed = kFed) {
    data["federation_id"] = fed;
    model.apply({model.event(type, std::move(data))});
  }
  std::string participant(int n) const { return uuid(kParticipant, 210 + n); }
  std::string session_id(int n) const { return uuid(kSession, 210 + n); }
  std::string record_id(int p, int s) const { return uuid(kRecord, 2100 + p * 10 + s); }
  object session_data(int n, const char* starts, const char* ends) const {
    return {{"session_id", session_id(n)},
            {"cohort_id", cohort},
            {"module_id", module},
            {"kind", "lecture"},
            {"title", "S"},
            {"starts_at", starts},
            {"ends_at", ends},
            {"time_zone", "Europe/Stockholm"},
            {"delivery", "online"},
            {"location", nullptr}};
  }
  void session(int n, const char* starts, const char* ends) {
    auto data = session_data(n, starts, ends);
    data["version"] = 1;
    feed("se.samverkan.modules.session.scheduled.v1", std::move(data));
  }
  void cancel(int n, const char* starts, const char* ends) {
    auto data = session_data(n, starts, ends);
    data["status"] = "cancelled";
    data["version"] = 2;
    data["changed_at"] = "2026-03-01T10:00:00Z";
    feed("se.samverkan.modules.session.changed.v1", std::move(data));
  }
  void mark(int p, int s, const char* status, int minutes, int revision = 1,
            const char* source = "manual") {
    object data{{"record_id", record_id(p, s)},
                {"session_id", session_id(s)},
                {"participant_id", participant(p)},
                {"cohort_id", cohort},
                {"module_id", module},
                {"status", status},
                {"minutes", minutes},
                {"revision", revision},
                {"version", revision},
                {"recorded_at", "2026-04-30T12:00:00.250Z"},
                {"source", source},
                {"reason_given", revision > 1}};
    if (std::string(source) == "import") {
      data["import_id"] = import_id;
      data["file_sha256"] = kHash;
    }
    feed("se.samverkan.attendance.attendance.recorded.v1", std::move(data));
  }
  void registered(int p, const std::string& organisation) {
    feed("se.samverkan.enrolment.participant.registered.v1", {{"participant_id", participant(p)},
                                                              {"organisation_id", organisation},
                                                              {"name", "Name"},
                                                              {"email", "p@example.org"},
                                                              {"gender", "woman"},
                                                              {"birth_year", 1980},
                                                              {"role", "officer"}});
  }
  // Motala: participants 1 and 2; Linköping: participant 3. Sessions 1, 2 in March, 3 in April
  // by Swedish time (though still 31 March in UTC), 4 in March but cancelled.
  void world() {
    feed("se.samverkan.modules.cohort.created.v1", {{"cohort_id", cohort},
                                                    {"programme_id", uuid(kProgramme, 21)},
                                                    {"name", "Omgång 2026"},
                                                    {"starts_on", "2026-01-01"},
                                                    {"ends_on", "2026-12-31"}});
    registered(1, motala);
    registered(2, motala);
    registered(3, linkoping);
    session(1, "2026-03-03T08:00:00Z", "2026-03-03T10:00:00Z");
    session(2, "2026-03-17T08:00:00Z", "2026-03-17T11:00:00Z");
    session(3, "2026-03-31T22:30:00Z", "2026-04-01T00:30:00Z");
    session(4, "2026-03-24T08:00:00Z", "2026-03-24T10:00:00Z");
    mark(1, 1, "present", 120);
    mark(1, 2, "late", 150, 1, "import");
    mark(1, 3, "present", 120);
    mark(1, 4, "present", 120);
    mark(2, 1, "absent", 120);
    mark(2, 1, "excused", 0, 2);  // a correction: only the current revision counts
    mark(2, 2, "present", 180, 1, "import");
    mark(3, 1, "present", 120, 1, "check_in");
    cancel(4, "2026-03-24T08:00:00Z", "2026-03-24T10:00:00Z");
  }
  RecordsPage records(const RecordFilter& filter, const std::string& after = "", long limit = 100,
                      const std::string& fed = kFed) {
    return *model.pool().transact(
        [&](pqxx::work& tx) { return repo::read_records(tx, fed, cohort, filter, after, limit); });
  }
  RecordFilter of(const std::string& organisation,
                  std::optional<std::string> month = std::nullopt) const {
    RecordFilter f;
    f.organisation_id = organisation;
    f.month = std::move(month);
    return f;
  }
  OrganisationTotals summary_row(const std::string& organisation) {
    const auto summary = model.pool().transact(
        [&](pqxx::work& tx) { return repo::read_summary(tx, kFed, cohort, organisation); });
    return summary->organisations.at(0);
  }
  static Tally listed(const RecordsPage& page) {
    Tally sum;
    for (const auto& r : page.items) sum += tally_of(r.status, 1, r.minutes);
    return sum;
  }

  ReadModel model;
};

TEST_F(RecordsRead, AnOrganisationsRecordsAddUpToItsSummaryRow) {
  world();
  for (const auto& organisation : {motala, linkoping}) {
    const auto row = summary_row(organisation);
    const auto page = records(of(organisation));
    EXPECT_EQ(page.totals, row.attendance) << organisation;
    EXPECT_EQ(listed(page), row.attendance) << organisation;
    EXPECT_EQ(hours_text(page.totals.minutes), hours_text(row.attendance.minutes));
  }
  // Motala: 120 + 150 + 120 + 0 (excused) + 180; the cancelled session's 120 are in no figure.
  EXPECT_EQ(records(of(motala)).totals.minutes, 570);
  EXPECT_EQ(records(of(motala)).totals.attended(), 4);
  EXPECT_EQ(records(of(motala)).items.size(), 5U);
}

TEST_F(RecordsRead, AnOrganisationsMonthIsItsRecordsOfSessionsInThatLocalMonth) {
  world();
  const auto march = records(of(motala, "2026-03"));
  // Sessions 1 and 2 (session 3 is 1 April in Stockholm): 120 + 150 + 0 + 180.
  EXPECT_EQ(march.totals.minutes, 450);
  EXPECT_EQ(listed(march), march.totals);
  EXPECT_EQ(march.totals.present, 2);
  EXPECT_EQ(march.totals.late, 1);
  EXPECT_EQ(march.totals.excused, 1);
  const auto april = records(of(motala, "2026-04"));
  EXPECT_EQ(april.totals.minutes, 120);
  // The months together make the organisation's figure.
  EXPECT_EQ(march.totals + april.totals, summary_row(motala).attendance);
}

TEST_F(RecordsRead, PagesListEachRecordOnceWithTheTotalsOfAll) {
  world();
  std::set<std::string> seen;
  std::string after;
  Tally sum;
  for (int pages = 0;; ++pages) {
    ASSERT_LT(pages, 10);
    const auto page = records({}, after, 2);
    EXPECT_EQ(page.totals, summary_row(motala).attendance + summary_row(linkoping).attendance);
    for (const auto& r : page.items) EXPECT_TRUE(seen.insert(r.record_id).second);
    sum += listed(page);
    if (page.items.size() < 2) break;
    after = page.items.back().record_id;
  }
  EXPECT_EQ(seen.size(), 6U);
  EXPECT_EQ(sum, records({}).totals);
}

TEST_F(RecordsRead, ARecordSaysWhereItsRevisionCameFrom) {
  world();
  RecordFilter f;
  f.participant_id = participant(2);
  const auto page = records(f);
  ASSERT_EQ(page.items.size(), 2U);
  const auto& corrected =
      page.items[0].record_id == record_id(2, 1) ? page.items[0] : page.items[1];
  const auto& imported = page.items[0].record_id == record_id(2, 1) ? page.items[1] : page.items[0];
  EXPECT_EQ(corrected.status, "excused");
  EXPECT_EQ(corrected.revision, 2);
  EXPECT_EQ(corrected.source, "manual");
  EXPECT_EQ(corrected.reason_given, true);
  EXPECT_EQ(corrected.import_id, std::nullopt);
  EXPECT_EQ(imported.source, "import");
  EXPECT_EQ(imported.import_id, import_id);
  EXPECT_EQ(imported.file_sha256, kHash);
  EXPECT_EQ(imported.reason_given, false);
  EXPECT_EQ(imported.recorded_at, "2026-04-30T12:00:00.250Z");
  EXPECT_EQ(imported.date, "2026-03-17");
  EXPECT_EQ(imported.organisation_id, motala);
}

TEST_F(RecordsRead, FiltersNarrowAndCancelledSessionsShowOnlyWhenAsked) {
  world();
  RecordFilter f;
  f.status = "present";
  EXPECT_EQ(records(f).totals, tally_of("present", 4, 540));
  RecordFilter s;
  s.session_id = session_id(4);
  EXPECT_TRUE(records(s).items.empty());
  s.include_cancelled = true;
  ASSERT_EQ(records(s).items.size(), 1U);
  EXPECT_EQ(records(s).items[0].session_status, "cancelled");
}

TEST_F(RecordsRead, AnUnknownCohortOrAnotherFederationHasNoRecords) {
  world();
  EXPECT_FALSE(model.pool().transact([&](pqxx::work& tx) {
    return repo::read_records(tx, "fed-other", cohort, {}, "", 100).has_value();
  }));
  EXPECT_FALSE(model.pool().transact([&](pqxx::work& tx) {
    return repo::read_records(tx, kFed, uuid(kCohort, 29), {}, "", 100).has_value();
  }));
  // A known cohort with nothing matching still answers, with zero totals.
  EXPECT_EQ(records(of(motala, "2027-01")).totals, Tally{});
}

}  // namespace
}  // namespace samverkan::reporting::test
