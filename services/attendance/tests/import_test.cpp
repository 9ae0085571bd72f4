// Meeting-report imports against the real PostgreSQL, through the write path as the route runs
// them: applied, repeated (no change), dry run, broken file, guests, aliases then re-import.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <samverkan/db/migrate.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/testing/infra.hpp>
#include <samverkan/writepath/write_path.hpp>
#include <sstream>
#include <thread>

#include "../app/import_report.hpp"
#include "../consumers/replicas.hpp"
#include "../repo/attendance_repo.hpp"
#include "../repo/import_repo.hpp"

namespace samverkan::attendance {
namespace {

const std::string kFed = "ostergotland";
const std::string kCohort = "3e9b7fc0-b06d-4cab-af4d-5c8a9badbec3";
const std::string kOrg = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const std::string kSession = "7a2e4d3b-0000-4000-8000-0000000000f1";
// The samples' people (tests/data/meeting_reports/make_samples.py).
const std::string kAnna = "6f1d3c2a-0000-4000-8000-0000000000f1";
const std::string kBo = "6f1d3c2a-0000-4000-8000-0000000000f2";
const std::string kLena = "6f1d3c2a-0000-4000-8000-0000000000f3";
const std::string kDan = "6f1d3c2a-0000-4000-8000-0000000000f4";  // expected, not in the files

std::string sample(const std::string& name) {
  std::ifstream in(std::filesystem::path(SAMVERKAN_MEETING_REPORTS) / name, std::ios::binary);
  if (!in) throw std::runtime_error("missing sample " + name);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

events::Event event(const std::string& type, boost::json::object data) {
  return events::Event{events::new_event_id(), type, "/samverkan/test", "x",
                       events::now_rfc3339(),  "",   std::move(data)};
}

class Imports : public ::testing::Test {
 protected:
  Imports()
      : schema_(testing::unique_name("attendance_import")),
        registry_(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events"),
        outbox_(registry_, "/samverkan/attendance") {
    const auto sql = std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql";
    db::migrate(url(), schema_, sql / "common");
    db::migrate(url(), schema_, sql / "attendance");
    pool_ = std::make_unique<db::Pool>(url(), schema_, 4, repo::prepared_statements());
    write_path_ = std::make_unique<writepath::WritePath>(*pool_, outbox_, "attendance");
    // The session of the samples: 2026-03-10 09:00-11:00 in Stockholm (UTC+1 in March).
    deliver(replicas::kSessionScheduled,
            {{"federation_id", kFed},
             {"session_id", kSession},
             {"cohort_id", kCohort},
             {"module_id", nullptr},
             {"kind", "lecture"},
             {"title", "Modul 2"},
             {"starts_at", "2026-03-10T09:00:00+01:00"},
             {"ends_at", "2026-03-10T11:00:00+01:00"},
             {"time_zone", "Europe/Stockholm"},
             {"delivery", "online"},
             {"location", nullptr},
             {"trainer_subjects", boost::json::array{"trainer-1"}}},
            replicas::on_session_scheduled);
    int n = 0;
    for (const auto& [id, email] :
         std::vector<std::pair<std::string, std::string>>{{kAnna, "Anna.Lind@linkoping.se"},
                                                          {kBo, "bo.ek@norrkoping.se"},
                                                          {kLena, "lena.ek@motala.se"},
                                                          {kDan, "dan@x.se"}}) {
      register_participant(id, email);
      deliver(replicas::kEnrolmentApproved,
              {{"federation_id", kFed},
               {"enrolment_id", "6f1d3c2a-0000-4000-8000-00000000e00" + std::to_string(++n)},
               {"participant_id", id},
               {"organisation_id", kOrg},
               {"cohort_id", kCohort},
               {"approved_at", "2026-01-15T09:00:00Z"}},
              replicas::on_enrolment_approved);
    }
  }
  ~Imports() override {
    write_path_.reset();
    pool_.reset();
    try {
      pqxx::connection conn(url());
      pqxx::nontransaction tx(conn);
      tx.exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // A leftover schema in the throwaway database is harmless.
    }
  }
  static const std::string& url() { return testing::infra().database_url; }

  void deliver(const std::string& type, boost::json::object data,
               bool (*handler)(pqxx::work&, const events::Event&)) {
    registry_.validate(type, data, events::Strictness::Consumer);
    const auto e = event(type, std::move(data));
    pool_->transact([&](pqxx::work& tx) { return handler(tx, e); });
  }
  void register_participant(const std::string& id, const std::string& email) {
    deliver(replicas::kParticipantRegistered,
            {{"federation_id", kFed},
             {"participant_id", id},
             {"organisation_id", kOrg},
             {"name", "N"},
             {"email", email},
             {"gender", "undisclosed"},
             {"birth_year", 1980},
             {"role", "r"}},
            replicas::on_participant_registered);
  }

  // Runs the import as the route does; the refusal (if any) escapes.
  std::optional<app::ImportOutcome> import(const std::string& file, bool dry_run = false,
                                           bool absent_if_missing = false,
                                           const std::string& session = kSession,
                                           const std::string& federation = kFed) {
    return import_as(file, {"trainer-1", federation, {auth::Role::Trainer}, std::nullopt}, dry_run,
                     absent_if_missing, session);
  }
  std::optional<app::ImportOutcome> import_as(const std::string& file,
                                              const auth::Principal& trainer, bool dry_run = false,
                                              bool absent_if_missing = false,
                                              const std::string& session = kSession) {
    const app::ImportCommand command{
        ids::SessionId(session), file, dry_run, absent_if_missing, events::new_event_id(),
        events::now_rfc3339()};
    http::Request request;
    request.method = http::Method::Post;
    request.path = request.target = "/v1/sessions/" + session + "/attendance/imports";
    std::optional<app::ImportOutcome> outcome;
    write_path_->run(request, trainer, [&](writepath::UnitOfWork& uow) {
      outcome = app::import_report(uow, command);
      return writepath::WriteResult{200, nullptr, ""};
    });
    return outcome;
  }

  long long count(const std::string& sql) {
    return pool_->transact([&](pqxx::work& tx) { return tx.exec1(sql)[0].as<long long>(); });
  }
  std::vector<std::string> column(const std::string& sql) {
    return pool_->transact([&](pqxx::work& tx) {
      std::vector<std::string> values;
      for (const auto& row : tx.exec(sql))
        values.push_back(row[0].is_null() ? "null" : row[0].as<std::string>());
      return values;
    });
  }
  // Every table an import writes, as one fingerprint of counts.
  std::vector<long long> written() {
    return {count("SELECT count(*) FROM attendance"),
            count("SELECT count(*) FROM attendance_revisions"),
            count("SELECT count(*) FROM attendance_imports"), count("SELECT count(*) FROM outbox"),
            count("SELECT count(*) FROM audit_log")};
  }

  std::string schema_;
  events::SchemaRegistry registry_;
  events::Outbox outbox_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<writepath::WritePath> write_path_;
};

const app::MatchedMark& matched(const app::ImportOutcome& o, const std::string& participant) {
  for (const auto& m : o.matched) {
    if (m.match.participant_id == participant) return m;
  }
  throw std::runtime_error("not matched: " + participant);
}

TEST_F(Imports, AppliedOnceThenTheSameFileChangesNothing) {
  const auto file = sample("teams_2022_en.csv");
  const auto first = import(file);
  ASSERT_TRUE(first);
  EXPECT_EQ(meeting_report::to_string(first->format), "teams_2022");
  EXPECT_EQ(first->rows, 7u);
  ASSERT_EQ(first->matched.size(), 3u);
  EXPECT_EQ(matched(*first, kAnna).match.minutes, 117);  // 09:00-10:02 and 10:05-11:00
  EXPECT_EQ(matched(*first, kAnna).match.status, Status::Present);
  EXPECT_EQ(matched(*first, kAnna).first_join, "2026-03-10T08:58:12+01:00");
  EXPECT_EQ(matched(*first, kBo).match.minutes, 80);  // two devices overlapping count once
  EXPECT_EQ(matched(*first, kBo).match.status, Status::Late);
  EXPECT_EQ(matched(*first, kLena).match.minutes, 120);
  ASSERT_EQ(first->unmatched.size(), 2u);  // the organiser and the guest
  EXPECT_EQ(first->unmatched[0].reason, "unknown_email");
  EXPECT_EQ(first->unmatched[1].reason, "no_email");
  EXPECT_EQ(first->unmatched[1].name, "Kalle (Guest)");
  EXPECT_EQ(first->expected_missing, (std::vector<std::string>{kDan}));
  EXPECT_EQ(first->changes, 3);
  ASSERT_TRUE(first->import_id);
  EXPECT_EQ(first->file_sha256, app::sha256_hex(file));

  // Each revision names the import and the file; one audit entry per mark plus the import's.
  EXPECT_EQ(column("SELECT DISTINCT source || ' ' || import_id || ' ' || file_sha256 FROM "
                   "attendance_revisions"),
            (std::vector<std::string>{"import " + *first->import_id + " " + first->file_sha256}));
  EXPECT_EQ(column("SELECT action FROM audit_log ORDER BY id"),
            (std::vector<std::string>{"attendance.recorded", "attendance.recorded",
                                      "attendance.recorded", "attendance_import.applied"}));
  EXPECT_EQ(column("SELECT payload->>'source' FROM outbox"),
            (std::vector<std::string>{"import", "import", "import"}));
  EXPECT_EQ(column("SELECT format || ' ' || rows || ' ' || changes FROM attendance_imports"),
            (std::vector<std::string>{"teams_2022 7 3"}));

  const auto before = written();
  const auto again = import(file);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->changes, 0);
  EXPECT_FALSE(again->import_id);
  for (const auto& m : again->matched) EXPECT_FALSE(m.changed);
  EXPECT_EQ(written(), before);
}

TEST_F(Imports, ATrainerImportsOnlyForItsOwnSessions) {
  const auto file = sample("zoom_participants.csv");
  const auth::Principal other{"trainer-2", kFed, {auth::Role::Trainer}, std::nullopt};
  EXPECT_THROW(import_as(file, other), app::NotSessionTrainer);
  EXPECT_THROW(import_as(file, other, true), app::NotSessionTrainer);  // a dry run too
  EXPECT_EQ(count("SELECT count(*) FROM attendance"), 0);
  const auth::Principal admin{"admin-1", kFed, {auth::Role::FederationAdmin}, std::nullopt};
  EXPECT_TRUE(import_as(file, admin, true));
}

TEST_F(Imports, ADryRunDecidesTheSameAndWritesNothing) {
  const auto before = written();
  const auto dry = import(sample("zoom_participants.csv"), true);
  ASSERT_TRUE(dry);
  EXPECT_EQ(meeting_report::to_string(dry->format), "zoom");
  EXPECT_EQ(dry->changes, 3);
  EXPECT_FALSE(dry->import_id);
  ASSERT_EQ(dry->skipped.size(), 1u);
  EXPECT_EQ(dry->skipped[0].reason, "waiting_room");
  EXPECT_EQ(written(), before);
  const auto applied = import(sample("zoom_participants.csv"));
  EXPECT_EQ(applied->changes, 3);
  EXPECT_EQ(import(sample("zoom_participants.csv"), true)->changes, 0);
}

TEST_F(Imports, ABrokenFileChangesNothing) {
  import(sample("zoom_no_meeting_block.csv"));
  const auto before = written();
  for (const char* name : {"broken_other_day.csv", "broken_quote.csv"}) {
    EXPECT_THROW(import(sample(name)), meeting_report::Unreadable) << name;
  }
  // A file whose first rows are fine and a later row is not: nothing of it is kept.
  const std::string half =
      "Name,User Email,Join Time,Leave Time,Guest\n"
      "Lena,lena.ek@motala.se,2026-03-10 09:00:00,2026-03-10 11:00:00,No\n"
      "Bo,bo.ek@norrkoping.se,2026-03-10 09:00:00,never,No\n";
  try {
    import(half);
    FAIL() << "no refusal";
  } catch (const meeting_report::Unreadable& e) {
    EXPECT_EQ(e.line, 3u);
    EXPECT_EQ(e.column, 4u);
  }
  EXPECT_EQ(written(), before);
}

TEST_F(Imports, AnAliasLetsARowMatchOnReimport) {
  // Bo joined from a private address the system does not know.
  const std::string file =
      "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
      "Bo Ek,bosse.ek@gmail.com,2026-03-10 09:00:00,2026-03-10 11:00:00,120,No\n";
  auto first = import(file);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->unmatched.size(), 1u);
  EXPECT_EQ(first->unmatched[0].reason, "unknown_email");
  EXPECT_EQ(first->changes, 0);
  pool_->transact([&](pqxx::work& tx) {
    return repo::replace_aliases(tx, ids::FederationId(kFed), ids::ParticipantId(kBo),
                                 {"bosse.ek@gmail.com"});
  });
  const auto second = import(file);
  ASSERT_EQ(second->matched.size(), 1u);
  EXPECT_EQ(second->matched[0].match.participant_id, kBo);
  EXPECT_EQ(second->matched[0].match.email, "bosse.ek@gmail.com");
  EXPECT_EQ(second->changes, 1);
}

TEST_F(Imports, AChangedAddressReplacesTheRegisteredOneByVersion) {
  const auto changed = [&](const std::string& email, std::int64_t version) {
    deliver(replicas::kParticipantChanged,
            {{"federation_id", kFed},
             {"participant_id", kBo},
             {"organisation_id", kOrg},
             {"name", "N"},
             {"email", email},
             {"gender", "undisclosed"},
             {"birth_year", 1980},
             {"role", "r"},
             {"subject", nullptr},
             {"version", version}},
            replicas::on_participant_changed);
  };
  changed("Bo.Ek@Motala.se", 3);
  changed("old.bo@norrkoping.se", 2);  // an older version, arriving late: ignored
  EXPECT_EQ(column("SELECT email FROM participants WHERE id = '" + kBo + "'"),
            (std::vector<std::string>{"bo.ek@motala.se"}));
  const std::string file =
      "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
      "Bo Ek,bo.ek@motala.se,2026-03-10 09:00:00,2026-03-10 11:00:00,120,No\n"
      "Bo Ek,bo.ek@norrkoping.se,2026-03-10 09:00:00,2026-03-10 11:00:00,120,No\n";
  const auto outcome = import(file, true);
  ASSERT_EQ(outcome->matched.size(), 1u);
  EXPECT_EQ(outcome->matched[0].match.participant_id, kBo);
  ASSERT_EQ(outcome->unmatched.size(), 1u);
  EXPECT_EQ(outcome->unmatched[0].reason, "unknown_email");
}

TEST_F(Imports, AbsentIfMissingMarksOnlyTheUnmarked) {
  // Dan has no mark: marked absent. Lena was marked by hand: left as she is.
  pool_->transact([&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO attendance (id, federation_id, session_id, participant_id, status, minutes, "
        "revision, recorded_by, recorded_at, source) VALUES (gen_random_uuid(), $1, $2, $3, "
        "'present', 120, 1, 'trainer-0', now(), 'manual')",
        kFed, kSession, kLena);
  });
  const auto outcome = import(sample("zoom_no_meeting_block.csv"), false, true);
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->marked_absent, (std::vector<std::string>{kDan}));
  EXPECT_EQ(outcome->expected_missing, (std::vector<std::string>{kLena}));
  EXPECT_EQ(outcome->changes, 3);
  EXPECT_EQ(column("SELECT status FROM attendance WHERE participant_id = '" + kDan + "'"),
            (std::vector<std::string>{"absent"}));
}

TEST_F(Imports, ACorrectionByAnImportKeepsTheEarlierRevision) {
  import(sample("zoom_unique_users.csv"));  // Anna 120 (present), Bo 80 (late)
  const auto outcome = import(sample("teams_2022_en.csv"));
  EXPECT_EQ(matched(*outcome, kAnna).changed, true);  // 117 now
  EXPECT_EQ(matched(*outcome, kBo).changed, false);   // 80 again
  const auto history = pool_->transact([&](pqxx::work& tx) {
    return repo::history(tx, ids::FederationId(kFed), ids::SessionId(kSession),
                         ids::ParticipantId(kAnna), std::nullopt);
  });
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->at(0).minutes, 120);
  EXPECT_EQ(history->at(1).minutes, 117);
  EXPECT_EQ(history->at(1).reason, "meeting report import (teams_2022)");
  EXPECT_NE(history->at(0).import->file_sha256, history->at(1).import->file_sha256);
}

TEST_F(Imports, ConcurrentImportsOfOneSessionAllComplete) {
  // Two files naming the same people in different orders, imported at once, repeatedly: marks are
  // written in participant order, so no pair of imports deadlocks and each one commits.
  const std::array<std::string, 2> files{sample("teams_2022_en.csv"),
                                         sample("zoom_unique_users.csv")};
  std::vector<std::jthread> threads;
  std::atomic<int> completed = 0;
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      if (import(files[static_cast<std::size_t>(i % 2)], false, true)) ++completed;
    });
  }
  threads.clear();
  EXPECT_EQ(completed.load(), 6);
  EXPECT_EQ(count("SELECT count(*) FROM attendance"), 4);  // Anna, Bo, Lena and Dan (absent)
  EXPECT_EQ(count("SELECT count(*) FROM attendance_revisions"),
            count("SELECT sum(revision) FROM attendance"));
}

TEST_F(Imports, MinutesBecomeAStatusByTheProgrammesPolicy) {
  // Lena attends 96 of 120 minutes (80 %): present by the default, late once her programme asks
  // for 90 %. The programme reaches the session through its cohort.
  const std::string kProgramme = "3e9b7fc0-b06d-4cab-af4d-5c8a9badbe01";
  const std::string file =
      "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
      "Lena Ek,lena.ek@motala.se,2026-03-10 09:00:00,2026-03-10 10:36:00,96,No\n";
  const auto before = import(file, true);
  EXPECT_EQ(before->matched.at(0).match.status, Status::Present);
  EXPECT_EQ(before->policy.present_percent, 75);

  const auto programme = [&](const char* type, std::int64_t version,
                             std::optional<std::int64_t> percent) {
    boost::json::object data{{"federation_id", kFed},      {"programme_id", kProgramme},
                             {"title", "Ledarskap"},       {"funder", nullptr},
                             {"min_electives", 0},         {"max_electives", nullptr},
                             {"start_on_approval", false}, {"completion_rule", nullptr},
                             {"version", version},         {"changed_at", "2026-03-01T09:00:00Z"}};
    if (percent) data["attendance_policy"] = {{"present_percent", *percent}};
    deliver(type, std::move(data), replicas::on_programme);
  };
  programme(replicas::kProgrammeCreated, 1, 90);
  // The programme is known, its cohort not yet: still the default.
  EXPECT_EQ(import(file, true)->matched.at(0).match.status, Status::Present);
  deliver(replicas::kCohortCreated,
          {{"federation_id", kFed},
           {"cohort_id", kCohort},
           {"programme_id", kProgramme},
           {"name", "VT 2026"},
           {"starts_on", "2026-01-12"},
           {"ends_on", "2026-06-12"},
           {"version", 1}},
          replicas::on_cohort_created);
  const auto applied = import(file);
  ASSERT_TRUE(applied);
  EXPECT_EQ(applied->matched.at(0).match.minutes, 96);
  EXPECT_EQ(applied->matched.at(0).match.status, Status::Late);
  EXPECT_EQ(applied->policy.present_percent, 90);
  EXPECT_EQ(column("SELECT status FROM attendance WHERE participant_id = '" + kLena + "'"),
            (std::vector<std::string>{"late"}));

  // An older version arriving late changes nothing; a newer one without a policy restores the
  // default, so the same file now corrects the mark to present.
  programme(replicas::kProgrammeChanged, 1, 50);
  EXPECT_EQ(import(file, true)->matched.at(0).match.status, Status::Late);
  programme(replicas::kProgrammeChanged, 2, std::nullopt);
  const auto corrected = import(file);
  EXPECT_EQ(corrected->matched.at(0).match.status, Status::Present);
  EXPECT_EQ(corrected->changes, 1);
  // The replica keeps the newest version, stating the default.
  EXPECT_EQ(column("SELECT present_percent || ' ' || version FROM programme_policies"),
            (std::vector<std::string>{"75 2"}));
}

TEST_F(Imports, AnotherFederationsSessionIsNotFoundAndACancelledOneRefused) {
  EXPECT_FALSE(import(sample("teams_2021.csv"), false, false, kSession, "uppsala"));
  deliver(replicas::kSessionChanged,
          {{"federation_id", kFed},
           {"session_id", kSession},
           {"cohort_id", kCohort},
           {"module_id", nullptr},
           {"kind", "lecture"},
           {"title", "Modul 2"},
           {"starts_at", "2026-03-10T09:00:00+01:00"},
           {"ends_at", "2026-03-10T11:00:00+01:00"},
           {"time_zone", "Europe/Stockholm"},
           {"delivery", "online"},
           {"location", nullptr},
           {"status", "cancelled"},
           {"trainer_subjects", boost::json::array{"trainer-1"}},
           {"version", 2},
           {"changed_at", "2026-03-01T10:00:00Z"}},
          replicas::on_session_changed);
  EXPECT_THROW(import(sample("teams_2021.csv")), app::SessionCancelled);
}

}  // namespace
}  // namespace samverkan::attendance
