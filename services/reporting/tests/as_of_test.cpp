// As-of reports (ADR 0074): a report taken, corrections projected, the same report as of the
// earlier moment gives the same bytes; the as-of tables equal the live ones at the current moment;
// history bounds are refused; month locks flag later corrections, and the changes list them.
#include "../repo/as_of.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <thread>

#include "../handlers/indicators_json.hpp"
#include "../handlers/report_json.hpp"
#include "../repo/exports.hpp"
#include "../repo/history.hpp"
#include "../repo/indicators.hpp"
#include "../repo/reports.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

using boost::json::object;

const std::string kFed = "fed-as-of";

class AsOf : public ::testing::Test {
 protected:
  std::string cohort = uuid(kCohort, 21), module = uuid(kModule, 21),
              organisation = uuid(kOrganisation, 21), programme = uuid(kProgramme, 21);

  void feed(const std::string& type, object data) {
    data["federation_id"] = kFed;
    model.apply({model.event(type, std::move(data))});
  }
  std::string participant(int n) const { return uuid(kParticipant, 210 + n); }
  void session(int n, const char* starts, const char* ends) {
    feed("se.samverkan.modules.session.scheduled.v1", {{"session_id", uuid(kSession, 210 + n)},
                                                       {"cohort_id", cohort},
                                                       {"module_id", module},
                                                       {"kind", "lecture"},
                                                       {"title", "S"},
                                                       {"starts_at", starts},
                                                       {"ends_at", ends},
                                                       {"time_zone", "Europe/Stockholm"},
                                                       {"delivery", "online"},
                                                       {"location", nullptr},
                                                       {"version", 1}});
  }
  void mark(int p, int s, const char* status, int minutes, int revision) {
    feed("se.samverkan.attendance.attendance.recorded.v1",
         {{"record_id", uuid(kRecord, 2100 + p * 10 + s)},
          {"session_id", uuid(kSession, 210 + s)},
          {"participant_id", participant(p)},
          {"cohort_id", cohort},
          {"module_id", module},
          {"status", status},
          {"minutes", minutes},
          {"revision", revision},
          {"version", revision},
          {"recorded_at", "2026-04-30T12:00:00Z"}});
  }
  void enrol(int p) {
    feed("se.samverkan.enrolment.participant.registered.v1",
         {{"participant_id", participant(p)},
          {"organisation_id", organisation},
          {"name", "Name " + std::to_string(p)},
          {"email", "p" + std::to_string(p) + "@example.org"},
          {"gender", "woman"},
          {"birth_year", 1980},
          {"role", "officer"}});
    feed("se.samverkan.enrolment.enrolment.approved.v1",
         {{"enrolment_id", uuid(kEnrolment, 210 + p)},
          {"participant_id", participant(p)},
          {"organisation_id", organisation},
          {"cohort_id", cohort},
          {"approved_at", "2026-01-11T10:00:00Z"},
          {"version", 2}});
  }
  void world() {
    feed("se.samverkan.enrolment.organisation.registered.v1", {{"organisation_id", organisation},
                                                               {"name", "Motala"},
                                                               {"org_number", "212000-0522"},
                                                               {"type", "municipality"}});
    feed("se.samverkan.modules.cohort.created.v1", {{"cohort_id", cohort},
                                                    {"programme_id", programme},
                                                    {"name", "Omgång 2026"},
                                                    {"starts_on", "2026-01-01"},
                                                    {"ends_on", "2026-12-31"}});
    feed("se.samverkan.modules.module.created.v1", {{"module_id", module},
                                                    {"programme_id", programme},
                                                    {"code", "M1"},
                                                    {"title", "Power Skills"},
                                                    {"mandatory", true},
                                                    {"planned_hours", 10}});
    enrol(1);
    enrol(2);
    session(1, "2026-04-01T08:00:00Z", "2026-04-01T10:00:00Z");
    session(2, "2026-05-06T08:00:00Z", "2026-05-06T10:00:00Z");
    mark(1, 1, "present", 120, 1);
    mark(2, 1, "late", 90, 1);
    mark(1, 2, "present", 120, 1);
  }
  // Corrections after a report was taken: a mark changed, a new participant and mark, a session
  // added, a month's statement confirmed.
  void corrections() {
    mark(1, 1, "absent", 0, 2);
    enrol(3);
    mark(3, 2, "present", 120, 1);
    session(3, "2026-05-20T08:00:00Z", "2026-05-20T10:00:00Z");
    feed("se.samverkan.attendance.statement.changed.v1", {{"participant_id", participant(1)},
                                                          {"organisation_id", organisation},
                                                          {"month", "2026-04"},
                                                          {"version", 1},
                                                          {"state", "confirmed"},
                                                          {"sha256", std::string(64, 'a')},
                                                          {"session_minutes", 0},
                                                          {"self_study_minutes", 0},
                                                          {"changed_at", "2026-05-01T10:00:00Z"}});
  }

  // Every report and export this test compares, as their bytes.
  struct Reports {
    std::string summary, progress, indicators, sessions_csv, hours_csv, isolation;
    bool operator==(const Reports&) const = default;
  };
  Reports reports(pqxx::work& tx) {
    Reports r;
    r.isolation = tx.exec1("SHOW transaction_isolation")[0].as<std::string>();
    r.summary = summary_json(*repo::read_summary(tx, kFed, cohort, std::nullopt));
    r.progress = progress_json(*repo::read_progress(tx, kFed, participant(1)));
    const auto people = repo::read_indicator_people(tx, kFed, programme);
    r.indicators = boost::json::serialize(indicators_json(
        compute_indicators(*people, {}), IndicatorView{programme, {}, std::nullopt}));
    const ExportFormat format{',', nullptr};
    r.sessions_csv = sessions_header(format);
    repo::stream_sessions(tx, kFed, cohort,
                          [&](const auto& row) { r.sessions_csv += session_row(row, format); });
    r.hours_csv = hours_header(format);
    repo::stream_hours(tx, kFed, cohort,
                       [&](const auto& row) { r.hours_csv += hours_row(row, format); });
    return r;
  }
  // Reads on one connection, so the prepared report statements are reused across search paths.
  std::pair<Reports, std::string> read(pqxx::connection& conn,
                                       const std::optional<std::string>& as_of) {
    Reports r;
    const auto moment = repo::read_at(conn, as_of, [&](pqxx::work& tx) { r = reports(tx); });
    return {r, moment};
  }

  ReadModel model;
};

TEST_F(AsOf, AReportAsOfItsMomentIsTheSameBytesAfterCorrections) {
  world();
  auto lease = model.pool().acquire();
  const auto [before, moment] = read(*lease, std::nullopt);
  EXPECT_EQ(before.isolation, "repeatable read");
  EXPECT_EQ(moment.size(), 27u) << moment;  // YYYY-MM-DDTHH:MM:SS.ffffffZ
  corrections();
  const auto [now, later] = read(*lease, std::nullopt);
  // The corrections show in every live report (so the comparison below is not vacuous) ...
  EXPECT_NE(now.summary, before.summary);
  EXPECT_NE(now.progress, before.progress);
  EXPECT_NE(now.indicators, before.indicators);
  EXPECT_NE(now.sessions_csv, before.sessions_csv);
  EXPECT_NE(now.hours_csv, before.hours_csv);
  // ... and none as of the first report's moment, on the same connection (prepared statements
  // re-planned for the as-of search path) and on another.
  const auto [again, echoed] = read(*lease, moment);
  EXPECT_EQ(echoed, moment);
  EXPECT_EQ(again.summary, before.summary);
  EXPECT_EQ(again.progress, before.progress);
  EXPECT_EQ(again.indicators, before.indicators);
  EXPECT_EQ(again.sessions_csv, before.sessions_csv);
  EXPECT_EQ(again.hours_csv, before.hours_csv);
  auto other = model.pool().acquire();
  EXPECT_EQ(read(*other, moment).first, before);
  // The live connection still reads the live tables afterwards.
  EXPECT_EQ(read(*lease, std::nullopt).first, now);
  // As of the second moment: the corrected reports.
  EXPECT_EQ(read(*lease, later).first, now);
}

TEST_F(AsOf, EveryTrackedTableAsOfTheCurrentMomentEqualsTheLiveTable) {
  world();
  corrections();
  mark(2, 1, "excused", 0, 2);  // moves the totals again
  auto lease = model.pool().acquire();
  std::vector<std::string> tables;
  std::map<std::string, std::string> live;
  const auto dump = [&](pqxx::work& tx, std::map<std::string, std::string>& out) {
    for (const auto& t : tables) {
      out[t] = tx.exec("SELECT COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '') FROM " +
                       tx.quote_name(t) + " t")[0][0]
                   .as<std::string>();
    }
  };
  const auto moment = repo::read_at(*lease, std::nullopt, [&](pqxx::work& tx) {
    for (const auto& r : tx.exec("SELECT tbl FROM history_tables ORDER BY tbl")) {
      tables.push_back(r[0].as<std::string>());
    }
    dump(tx, live);
  });
  // Every table a report or export reads (0007, 0013); a new one must be registered too.
  const std::vector<std::string> expected{
      "attendance", "cohort_organisation_totals", "cohort_session_totals", "cohorts",
      "enrolments", "entry_facts", "modules", "monthly_file_submissions", "organisations",
      "participant_completions", "participant_module_totals", "participant_names",
      "participants", "programmes", "self_study_entries", "sensitive_counts", "session_totals",
      "sessions", "statement_states", "unit_costs"};
  ASSERT_EQ(tables, expected);
  std::map<std::string, std::string> as_of;
  repo::read_at(*lease, moment, [&](pqxx::work& tx) { dump(tx, as_of); });
  for (const auto& t : tables) EXPECT_EQ(as_of[t], live[t]) << t;
  EXPECT_FALSE(live["session_totals"].empty());
  EXPECT_FALSE(live["participant_module_totals"].empty());
}

TEST_F(AsOf, MomentsOutsideTheHistoryAreRefused) {
  auto lease = model.pool().acquire();
  const auto noop = [](pqxx::work&) {};
  EXPECT_THROW(repo::read_at(*lease, "2000-01-01T00:00:00Z", noop), repo::AsOfRefused);
  EXPECT_THROW(repo::read_at(*lease, "2999-01-01T00:00:00Z", noop), repo::AsOfRefused);
  EXPECT_THROW(repo::read_at(*lease, "2026-02-31T00:00:00Z", noop), repo::AsOfRefused);
  // The connection is usable afterwards, and a moment inside the history is answered.
  const auto moment = repo::read_at(*lease, std::nullopt, noop);
  EXPECT_EQ(repo::read_at(*lease, moment, noop), moment);
}

TEST_F(AsOf, Rfc3339Shapes) {
  EXPECT_TRUE(repo::is_rfc3339("2026-12-01T09:00:00Z"));
  EXPECT_TRUE(repo::is_rfc3339("2026-12-01T09:00:00.123456Z"));
  EXPECT_TRUE(repo::is_rfc3339("2026-12-01T09:00:00+01:00"));
  EXPECT_FALSE(repo::is_rfc3339("2026-12-01"));
  EXPECT_FALSE(repo::is_rfc3339("2026-13-01T09:00:00Z"));
  EXPECT_FALSE(repo::is_rfc3339("2026-12-01T24:00:00Z"));
  EXPECT_FALSE(repo::is_rfc3339("2026-12-01T09:00:00"));
  EXPECT_FALSE(repo::is_rfc3339("2026-12-01 09:00:00 +01:00"));
  EXPECT_FALSE(repo::is_rfc3339("now"));
}

TEST_F(AsOf, ALockedMonthFlagsLaterCorrectionsInTheChanges) {
  world();
  auto lease = model.pool().acquire();
  const auto moment = repo::read_at(*lease, std::nullopt, [](pqxx::work&) {});
  model.pool().transact([&](pqxx::work& tx) {
    ASSERT_TRUE(repo::lock_month(tx, kFed, programme, "2026-04", "auditor-1"));
    EXPECT_FALSE(repo::lock_month(tx, kFed, programme, "2026-04", "auditor-2"));  // stands
  });
  mark(1, 1, "absent", 0, 2);  // April: locked
  mark(1, 2, "late", 100, 2);  // May: open
  const auto changes = model.pool().transact([&](pqxx::work& tx) {
    return *repo::read_changes(tx, {kFed, programme, std::nullopt, moment, std::nullopt, 100});
  });
  std::map<std::string, repo::Change> attendance;
  for (const auto& c : changes) {
    if (c.entity == "attendance") attendance[c.id] = c;
    EXPECT_GT(c.changed_at, moment);
  }
  ASSERT_EQ(attendance.size(), 2u);
  const auto& april = attendance.at(uuid(kRecord, 2111));
  EXPECT_EQ(april.month, "2026-04");
  EXPECT_TRUE(april.locked_month);
  EXPECT_NE(april.before.find("\"present\""), std::string::npos);
  EXPECT_NE(april.after.find("\"absent\""), std::string::npos);
  const auto& may = attendance.at(uuid(kRecord, 2112));
  EXPECT_EQ(may.month, "2026-05");
  EXPECT_FALSE(may.locked_month);
  // The totals moved too, but derived rows are not listed; the cohort's listing is the same here.
  for (const auto& c : changes) EXPECT_EQ(c.entity.find("totals"), std::string::npos) << c.entity;
  const auto by_cohort = model.pool().transact([&](pqxx::work& tx) {
    return repo::read_changes(tx, {kFed, std::nullopt, cohort, moment, std::nullopt, 100})->size();
  });
  EXPECT_EQ(by_cohort, changes.size());
  // Paging: one at a time reaches the same items.
  std::size_t paged = 0;
  std::optional<repo::ChangeCursor> after;
  for (;;) {
    const auto page = model.pool().transact([&](pqxx::work& tx) {
      return *repo::read_changes(tx, {kFed, programme, std::nullopt, moment, after, 1});
    });
    if (page.empty()) break;
    ++paged;
    after = repo::ChangeCursor{page[0].changed_at, page[0].entity, page[0].id};
  }
  EXPECT_EQ(paged, changes.size());
  // Another federation's programme is unknown.
  model.pool().transact([&](pqxx::work& tx) {
    EXPECT_FALSE(
        repo::read_changes(tx, {"fed-other", programme, std::nullopt, moment, std::nullopt, 100}));
  });
}

// A projector transaction in flight while a live report chooses its moment: its images are
// stamped at its commit under the history lock, so it is either in the report's snapshot and
// before its moment, or in neither; the report and the as-of read of its moment agree.
TEST_F(AsOf, AWriterInFlightIsInTheLiveReportOrAfterItsMoment) {
  world();
  auto writer = model.pool().acquire();
  auto reader = model.pool().acquire();
  const auto before = read(*reader, std::nullopt).first;
  pqxx::work tx(*writer);
  tx.exec_params("UPDATE attendance SET status = 'absent', minutes = 0 WHERE record_id = $1",
                 uuid(kRecord, 2111));  // stamped at commit
  Reports live;
  std::string moment;
  std::thread report([&] {
    moment = repo::read_at(*reader, std::nullopt, [&](pqxx::work& t) { live = reports(t); });
  });
  tx.commit();
  report.join();
  // Whichever way it interleaved, the as-of read of the report's moment is the report.
  EXPECT_EQ(read(*reader, moment).first, live);
  EXPECT_NE(read(*reader, std::nullopt).first.hours_csv, before.hours_csv);  // it did commit
}

}  // namespace
}  // namespace samverkan::reporting::test

namespace samverkan::reporting::test {
namespace {

// Another migration adds columns to a tracked table (a scalar and an array): the trigger keeps
// them without change, and the as-of view shows them once refreshed (the service does at start).
TEST_F(AsOf, ColumnsAddedLaterReachTheAsOfViews) {
  world();
  model.pool().transact([](pqxx::work& tx) {
    tx.exec(
        "ALTER TABLE sessions ADD COLUMN room text NOT NULL DEFAULT 'none', "
        "ADD COLUMN trainer_subjects text[]");
  });
  repo::refresh_asof_views(model.pool());
  auto lease = model.pool().acquire();
  const auto before = repo::read_at(*lease, std::nullopt, [](pqxx::work&) {});
  repo::refresh_asof_views(model.pool());  // again: nothing changed, nothing re-imaged
  model.pool().transact([&](pqxx::work& tx) {
    tx.exec_params(
        "UPDATE sessions SET room = 'A1', trainer_subjects = ARRAY['t-1', 't-2'] "
        "WHERE id = $1",
        uuid(kSession, 211));
  });
  const auto after = repo::read_at(*lease, std::nullopt, [](pqxx::work&) {});
  const auto row_at = [&](const std::string& moment) {
    std::string out;
    repo::read_at(*lease, moment, [&](pqxx::work& tx) {
      out = tx.exec_params1(
                  "SELECT COALESCE(room, '-') || ' ' || COALESCE(trainer_subjects::text, "
                  "'-') FROM sessions WHERE id = $1",
                  uuid(kSession, 211))[0]
                .as<std::string>();
    });
    return out;
  };
  EXPECT_EQ(row_at(before), "none -");  // the default ALTER TABLE filled in, re-imaged
  EXPECT_EQ(row_at(after), "A1 {t-1,t-2}");
}

}  // namespace
}  // namespace samverkan::reporting::test

namespace samverkan::reporting::test {
namespace {

// A bulk load run with the trigger disabled (the bench's COPY shortcut) is brought into the
// history by rebase_history: the as-of rows equal the live ones afterwards, and not before.
TEST_F(AsOf, ABulkLoadWithoutTheTriggerIsRebased) {
  world();
  const auto rows = [&](const std::optional<std::string>& as_of) {
    auto lease = model.pool().acquire();
    std::string out;
    const auto moment = repo::read_at(*lease, as_of, [&](pqxx::work& tx) {
      out = tx.exec("SELECT string_agg(t::text, ';' ORDER BY t::text) FROM attendance t")[0][0]
                .as<std::string>();
    });
    return std::pair{out, moment};
  };
  model.pool().transact([](pqxx::work& tx) {
    tx.exec("ALTER TABLE attendance DISABLE TRIGGER record_history");
    tx.exec("UPDATE attendance SET minutes = 7");
    tx.exec("ALTER TABLE attendance ENABLE TRIGGER record_history");
  });
  const auto [live, moment] = rows(std::nullopt);
  EXPECT_NE(rows(moment).first, live);
  model.pool().transact([](pqxx::work& tx) { tx.exec("SELECT rebase_history('attendance')"); });
  const auto [again, later] = rows(std::nullopt);
  EXPECT_EQ(again, live);
  EXPECT_EQ(rows(later).first, live);
}

}  // namespace
}  // namespace samverkan::reporting::test
