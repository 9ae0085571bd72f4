// The replicas and the PUT's transaction against the real PostgreSQL, in a schema migrated with
// the service's own SQL: events in any order converge, the rules refuse what they must, and
// concurrent marks of one pair count once.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <boost/json/parse.hpp>
#include <latch>
#include <samverkan/db/migrate.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/testing/infra.hpp>
#include <samverkan/writepath/audit_log.hpp>
#include <samverkan/writepath/write_path.hpp>
#include <thread>

#include "../app/auto_mark.hpp"
#include "../app/check_in.hpp"
#include "../app/record_mark.hpp"
#include "../app/register_apology.hpp"
#include "../app/self_study.hpp"
#include "../app/statements.hpp"
#include "../consumers/replicas.hpp"
#include "../repo/apologies_repo.hpp"
#include "../repo/attendance_repo.hpp"
#include "../repo/statements_repo.hpp"

namespace samverkan::attendance {
namespace {

using namespace std::chrono_literals;

const std::string kFed = "ostergotland";
const std::string kCohort = "3e9b7fc0-b06d-4cab-af4d-5c8a9badbec3";
const std::string kOrg = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

boost::json::object session_data(const std::string& id, const std::string& starts_at,
                                 const std::string& ends_at) {
  return {{"federation_id", kFed},
          {"session_id", id},
          {"cohort_id", kCohort},
          {"module_id", nullptr},
          {"kind", "lecture"},
          {"title", "Lecture"},
          {"starts_at", starts_at},
          {"ends_at", ends_at},
          {"time_zone", "Europe/Stockholm"},
          {"delivery", "online"},
          {"location", nullptr},
          {"trainer_subjects", boost::json::array{"trainer-1"}}};
}

boost::json::object changed_session(const std::string& id, const std::string& starts_at,
                                    const std::string& ends_at, const std::string& status,
                                    std::int64_t version) {
  auto data = session_data(id, starts_at, ends_at);
  data["status"] = status;
  data["version"] = version;
  data["changed_at"] = "2026-02-01T10:00:00Z";
  return data;
}

boost::json::object approved_enrolment(const std::string& enrolment,
                                       const std::string& participant) {
  return {{"federation_id", kFed},         {"enrolment_id", enrolment},
          {"participant_id", participant}, {"organisation_id", kOrg},
          {"cohort_id", kCohort},          {"approved_at", "2026-01-15T09:00:00Z"}};
}

boost::json::object changed_enrolment(const std::string& enrolment, const std::string& participant,
                                      const std::string& status, const char* left_on,
                                      std::int64_t version) {
  return {
      {"federation_id", kFed},
      {"enrolment_id", enrolment},
      {"participant_id", participant},
      {"organisation_id", kOrg},
      {"cohort_id", kCohort},
      {"status", status},
      {"stage", nullptr},
      {"requested_at", "2026-01-10T09:00:00Z"},
      {"approved_at", "2026-01-15T09:00:00Z"},
      {"left_on", left_on == nullptr ? boost::json::value(nullptr) : boost::json::value(left_on)},
      {"version", version},
      {"changed_at", "2026-02-01T10:00:00Z"}};
}

events::Event event(const std::string& type, boost::json::object data) {
  return events::Event{events::new_event_id(), type, "/samverkan/test", "x",
                       events::now_rfc3339(),  "",   std::move(data)};
}

class Store : public ::testing::Test {
 protected:
  Store()
      : schema_(testing::unique_name("attendance")),
        registry_(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events"),
        outbox_(registry_, "/samverkan/attendance") {
    const auto sql = std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql";
    db::migrate(url(), schema_, sql / "common");
    db::migrate(url(), schema_, sql / "attendance");
    pool_ = std::make_unique<db::Pool>(url(), schema_, 10, repo::prepared_statements());
    write_path_ = std::make_unique<writepath::WritePath>(*pool_, outbox_, "attendance");
  }
  ~Store() override {
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

  // Validates like the inbox does, then runs the handler in its own transaction.
  bool deliver(const std::string& type, boost::json::object data,
               bool (*handler)(pqxx::work&, const events::Event&)) {
    registry_.validate(type, data, events::Strictness::Consumer);
    const auto e = event(type, std::move(data));
    return pool_->transact([&](pqxx::work& tx) { return handler(tx, e); });
  }
  void schedule(const std::string& session, const std::string& starts_at,
                const std::string& ends_at) {
    deliver(replicas::kSessionScheduled, session_data(session, starts_at, ends_at),
            replicas::on_session_scheduled);
  }
  void approve(const std::string& enrolment, const std::string& participant) {
    deliver(replicas::kEnrolmentApproved, approved_enrolment(enrolment, participant),
            replicas::on_enrolment_approved);
  }

  // Runs the PUT's work through the write path, as the handler does: one transaction with the
  // outbox row and the audit chain.
  std::optional<Decision> mark(const std::string& session, const std::string& participant, Mark m,
                               const std::string& federation = kFed,
                               const std::optional<std::string>& reason = std::nullopt) {
    if (reason) m.reason = reason;
    return mark_as({"trainer-1", federation, {auth::Role::Trainer}, std::nullopt}, session,
                   participant, m);
  }
  std::optional<Decision> mark_as(const auth::Principal& trainer, const std::string& session,
                                  const std::string& participant, Mark m) {
    const MarkCommand command{ids::SessionId(session), ids::ParticipantId(participant), m,
                              ids::RecordId(events::new_event_id()), events::now_rfc3339()};
    http::Request request;
    request.method = http::Method::Put;
    request.path = request.target = "/v1/sessions/" + session + "/attendance/" + participant;
    std::optional<Decision> decision;
    write_path_->run(request, trainer, [&](writepath::UnitOfWork& uow) {
      decision = app::record_mark(uow, command);
      return writepath::WriteResult{200, nullptr, ""};
    });
    return decision;
  }

  long long count(const std::string& sql) {
    return pool_->transact([&](pqxx::work& tx) { return tx.exec1(sql)[0].as<long long>(); });
  }
  std::vector<std::string> row(const std::string& sql) {
    return pool_->transact([&](pqxx::work& tx) {
      std::vector<std::string> values;
      for (const auto& field : tx.exec1(sql))
        values.push_back(field.is_null() ? "null" : field.as<std::string>());
      return values;
    });
  }

  std::string schema_;
  events::SchemaRegistry registry_;
  events::Outbox outbox_;
  std::unique_ptr<db::Pool> pool_;
  std::unique_ptr<writepath::WritePath> write_path_;
};

Refusal refusal_of(const std::optional<Decision>& d) {
  if (!d) throw std::runtime_error("no decision: the session was not found");
  const auto* refused = std::get_if<Refused>(&*d);
  if (refused == nullptr) throw std::runtime_error("expected a refusal");
  return refused->reason;
}

TEST_F(Store, EnrolmentEventsInAnyOrderAndReplayedConverge) {
  const std::string enrolment = "6f1d3c2a-0000-4000-8000-000000000001";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000a1";
  // approved (an old event without a version: 1), approved again as changed v2, withdrawn v3.
  using Delivery = std::pair<const char*, boost::json::object>;
  const std::array<Delivery, 3> events{
      Delivery{replicas::kEnrolmentApproved, approved_enrolment(enrolment, participant)},
      Delivery{replicas::kEnrolmentChanged,
               changed_enrolment(enrolment, participant, "approved", nullptr, 2)},
      Delivery{replicas::kEnrolmentChanged,
               changed_enrolment(enrolment, participant, "withdrawn", "2026-03-05", 3)}};
  std::array<int, 3> order{0, 1, 2};
  do {
    pool_->transact([](pqxx::work& tx) { tx.exec("DELETE FROM enrolments"); });
    auto apply = [&](int i) {
      const bool approved = std::string(events[i].first) == replicas::kEnrolmentApproved;
      deliver(events[i].first, events[i].second,
              approved ? replicas::on_enrolment_approved : replicas::on_enrolment_changed);
    };
    for (int i : order) apply(i);
    apply(order[0]);  // a replay of whichever came first
    EXPECT_EQ(row("SELECT status, left_on::text, version FROM enrolments"),
              (std::vector<std::string>{"withdrawn", "2026-03-05", "3"}))
        << order[0] << order[1] << order[2];
  } while (std::next_permutation(order.begin(), order.end()));

  // The case as it happens: v3, v2, v3 again.
  pool_->transact([](pqxx::work& tx) { tx.exec("DELETE FROM enrolments"); });
  EXPECT_TRUE(
      deliver(replicas::kEnrolmentChanged, events[2].second, replicas::on_enrolment_changed));
  EXPECT_FALSE(
      deliver(replicas::kEnrolmentChanged, events[1].second, replicas::on_enrolment_changed));
  EXPECT_FALSE(
      deliver(replicas::kEnrolmentChanged, events[2].second, replicas::on_enrolment_changed));
  EXPECT_EQ(row("SELECT status, version FROM enrolments"),
            (std::vector<std::string>{"withdrawn", "3"}));
}

TEST_F(Store, ApprovedAndChangedWithTheSameVersionKeepTheFirst) {
  const std::string enrolment = "6f1d3c2a-0000-4000-8000-000000000002";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000a2";
  auto approved = approved_enrolment(enrolment, participant);
  approved["version"] = 2;
  EXPECT_TRUE(deliver(replicas::kEnrolmentApproved, approved, replicas::on_enrolment_approved));
  EXPECT_FALSE(deliver(replicas::kEnrolmentChanged,
                       changed_enrolment(enrolment, participant, "approved", nullptr, 2),
                       replicas::on_enrolment_changed));
  EXPECT_EQ(row("SELECT status, version FROM enrolments"),
            (std::vector<std::string>{"approved", "2"}));
}

TEST_F(Store, SessionEventsInAnyOrderConverge) {
  const std::string session = "7a2e4d3b-0000-4000-8000-000000000001";
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");  // version 1
  EXPECT_TRUE(deliver(replicas::kSessionChanged,
                      changed_session(session, "2026-03-12T09:00:00+01:00",
                                      "2026-03-12T10:00:00+01:00", "cancelled", 3),
                      replicas::on_session_changed));
  EXPECT_FALSE(deliver(replicas::kSessionChanged,
                       changed_session(session, "2026-03-11T09:00:00+01:00",
                                       "2026-03-11T12:00:00+01:00", "scheduled", 2),
                       replicas::on_session_changed));
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");  // replayed: ignored
  EXPECT_EQ(row("SELECT status, version, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD "
                "HH24:MI') FROM sessions"),
            (std::vector<std::string>{"cancelled", "3", "2026-03-12 08:00"}));
}

TEST_F(Store, MarkCreatesThenIgnoresTheSameThenCorrects) {
  const std::string session = "7a2e4d3b-0000-4000-8000-000000000002";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000a3";
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");
  approve("6f1d3c2a-0000-4000-8000-000000000003", participant);

  const auto first = mark(session, participant, {Status::Present, std::nullopt});
  ASSERT_TRUE(first && std::holds_alternative<Recorded>(*first));
  const auto& created = std::get<Recorded>(*first);
  EXPECT_TRUE(created.created);
  EXPECT_EQ(created.record.minutes, 120);
  const auto again = mark(session, participant, {Status::Present, 120});
  ASSERT_TRUE(again && std::holds_alternative<Unchanged>(*again));
  EXPECT_EQ(std::get<Unchanged>(*again).record.recorded_at, created.record.recorded_at);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 1);

  // A change needs a reason: refused without one, and nothing is written.
  EXPECT_EQ(refusal_of(mark(session, participant, {Status::Late, 45})), Refusal::ReasonRequired);
  const auto corrected = mark(session, participant, {Status::Late, 45}, kFed, "came late");
  ASSERT_TRUE(corrected && std::holds_alternative<Recorded>(*corrected));
  EXPECT_EQ(std::get<Recorded>(*corrected).record.revision, 2);
  EXPECT_EQ(std::get<Recorded>(*corrected).record.id, created.record.id);
  EXPECT_EQ(row("SELECT status, minutes, revision FROM attendance"),
            (std::vector<std::string>{"late", "45", "2"}));
  EXPECT_EQ(count("SELECT count(*) FROM attendance_revisions"), 2);
  // One audit entry per state change, none for the unchanged repeat; chained as the sealer does.
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 2);
  EXPECT_EQ(writepath::seal_pending(*pool_, "attendance"), 2u);
  EXPECT_EQ(
      row("SELECT action, entity_id, version_before IS NULL, version_after, reason IS NULL FROM "
          "audit_log "
          "WHERE seq = 1"),
      (std::vector<std::string>{"attendance.recorded", created.record.id.str(), "t", "1", "t"}));
  EXPECT_EQ(row("SELECT action, version_before, version_after, reason FROM audit_log WHERE "
                "seq = 2"),
            (std::vector<std::string>{"attendance.corrected", "1", "2", "came late"}));
  EXPECT_EQ(row("SELECT payload->>'version', payload->>'revision', aggregateid FROM outbox ORDER "
                "BY seq DESC LIMIT 1"),
            (std::vector<std::string>{"2", "2", created.record.id.str()}));

  // The listing reads the same records; another federation sees no session at all.
  const auto listed = pool_->transact([&](pqxx::work& tx) {
    return repo::list_for_session(tx, ids::FederationId(kFed), ids::SessionId(session),
                                  std::nullopt);
  });
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).revision, 2);
  EXPECT_FALSE(mark(session, participant, {Status::Present, std::nullopt}, "uppsala"));
}

TEST_F(Store, MarkAfterTheLeavingDateIsRefused) {
  const std::string before = "7a2e4d3b-0000-4000-8000-000000000003";
  const std::string after = "7a2e4d3b-0000-4000-8000-000000000004";
  const std::string enrolment = "6f1d3c2a-0000-4000-8000-000000000004";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000a4";
  schedule(before, "2026-03-05T09:00:00+01:00", "2026-03-05T11:00:00+01:00");
  // 00:30 on 6 March in Stockholm is still 5 March in UTC: the session's own zone decides.
  schedule(after, "2026-03-06T00:30:00+01:00", "2026-03-06T02:00:00+01:00");
  approve(enrolment, participant);
  deliver(replicas::kEnrolmentChanged,
          changed_enrolment(enrolment, participant, "withdrawn", "2026-03-05", 2),
          replicas::on_enrolment_changed);

  EXPECT_EQ(refusal_of(mark(after, participant, {Status::Present, std::nullopt})),
            Refusal::AfterLeaving);
  const auto allowed = mark(before, participant, {Status::Present, std::nullopt});
  ASSERT_TRUE(allowed && std::holds_alternative<Recorded>(*allowed));
  EXPECT_EQ(count("SELECT count(*) FROM attendance"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 1);
}

TEST_F(Store, MarkAtACancelledSessionIsRefused) {
  const std::string session = "7a2e4d3b-0000-4000-8000-000000000005";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000a5";
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");
  approve("6f1d3c2a-0000-4000-8000-000000000005", participant);
  deliver(replicas::kSessionChanged,
          changed_session(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00",
                          "cancelled", 2),
          replicas::on_session_changed);
  EXPECT_EQ(refusal_of(mark(session, participant, {Status::Present, std::nullopt})),
            Refusal::SessionCancelled);
  EXPECT_EQ(count("SELECT count(*) FROM attendance"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 0);
}

TEST_F(Store, NoEnrolmentAndPendingEnrolmentAreRefused) {
  const std::string session = "7a2e4d3b-0000-4000-8000-000000000006";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000a6";
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");
  EXPECT_EQ(refusal_of(mark(session, participant, {Status::Present, std::nullopt})),
            Refusal::NotEnrolled);
  auto pending =
      changed_enrolment("6f1d3c2a-0000-4000-8000-000000000006", participant, "pending", nullptr, 1);
  pending["approved_at"] = nullptr;
  pending["stage"] = "organisation";
  deliver(replicas::kEnrolmentChanged, pending, replicas::on_enrolment_changed);
  EXPECT_EQ(refusal_of(mark(session, participant, {Status::Present, std::nullopt})),
            Refusal::NotEnrolled);
  EXPECT_EQ(row("SELECT status, approved_at IS NULL FROM enrolments"),
            (std::vector<std::string>{"pending", "t"}));
}

TEST_F(Store, OnlyTheSessionsTrainersAndAdministratorsMarkIt) {
  const std::string session = "7a2e4d3b-0000-4000-8000-000000000011";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000b1";
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");
  approve("6f1d3c2a-0000-4000-8000-000000000011", participant);
  const auth::Principal other{"trainer-2", kFed, {auth::Role::Trainer}, std::nullopt};
  EXPECT_EQ(refusal_of(mark_as(other, session, participant, {Status::Present, std::nullopt})),
            Refusal::NotSessionTrainer);
  EXPECT_EQ(count("SELECT count(*) FROM attendance"), 0);

  // The session's next version names trainer-2 instead: now only trainer-2 may mark.
  auto changed = changed_session(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00",
                                 "scheduled", 2);
  changed["trainer_subjects"] = boost::json::array{"trainer-2"};
  deliver(replicas::kSessionChanged, changed, replicas::on_session_changed);
  EXPECT_EQ(refusal_of(mark(session, participant, {Status::Present, std::nullopt})),
            Refusal::NotSessionTrainer);
  const auto marked = mark_as(other, session, participant, {Status::Present, std::nullopt});
  ASSERT_TRUE(marked && std::holds_alternative<Recorded>(*marked));
  // An administrator who is also a trainer is not confined.
  const auth::Principal admin{
      "trainer-1", kFed, {auth::Role::Trainer, auth::Role::FederationAdmin}, std::nullopt};
  const auto corrected =
      mark_as(admin, session, participant, {Status::Late, 30, Source::Manual, "came late"});
  ASSERT_TRUE(corrected && std::holds_alternative<Recorded>(*corrected));
}

TEST_F(Store, AModuleTheParticipantDidNotChooseIsRefused) {
  const std::string chosen = "7a2e4d3b-0000-4000-8000-000000000012";
  const std::string other = "7a2e4d3b-0000-4000-8000-000000000013";
  const std::string conference = "7a2e4d3b-0000-4000-8000-000000000014";
  const std::string module = "1b2c3d4e-0000-4000-8000-000000000001";
  const std::string enrolment = "6f1d3c2a-0000-4000-8000-000000000012";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000b2";
  auto with_module = [&](const std::string& id, const char* module_id) {
    auto data = session_data(id, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");
    data["module_id"] = module_id;
    deliver(replicas::kSessionScheduled, data, replicas::on_session_scheduled);
  };
  with_module(chosen, module.c_str());
  with_module(other, "1b2c3d4e-0000-4000-8000-000000000002");
  schedule(conference, "2026-03-11T09:00:00+01:00", "2026-03-11T11:00:00+01:00");
  auto data = changed_enrolment(enrolment, participant, "approved", nullptr, 2);
  data["module_ids"] = boost::json::array{module};
  deliver(replicas::kEnrolmentChanged, data, replicas::on_enrolment_changed);

  EXPECT_EQ(refusal_of(mark(other, participant, {Status::Present, std::nullopt})),
            Refusal::ModuleNotChosen);
  for (const auto& session : {chosen, conference}) {
    const auto marked = mark(session, participant, {Status::Present, std::nullopt});
    EXPECT_TRUE(marked && std::holds_alternative<Recorded>(*marked)) << session;
  }
  // A later version without a choice means every module again.
  data = changed_enrolment(enrolment, participant, "approved", nullptr, 3);
  deliver(replicas::kEnrolmentChanged, data, replicas::on_enrolment_changed);
  EXPECT_EQ(row("SELECT module_ids IS NULL FROM enrolments"), (std::vector<std::string>{"t"}));
  const auto marked = mark(other, participant, {Status::Present, std::nullopt});
  EXPECT_TRUE(marked && std::holds_alternative<Recorded>(*marked));
}

TEST_F(Store, ACorrectionRecordsItsReason) {
  const std::string session = "7a2e4d3b-0000-4000-8000-000000000008";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000a8";
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");
  approve("6f1d3c2a-0000-4000-8000-000000000008", participant);
  mark(session, participant, {Status::Present, std::nullopt}, kFed, "ignored on a first mark");
  mark(session, participant, {Status::Absent, std::nullopt}, kFed, "signed in for a colleague");
  mark(session, participant, {Status::Absent, std::nullopt}, kFed, "a repeat records nothing");
  EXPECT_EQ(row("SELECT count(*), count(reason), max(reason) FROM audit_log"),
            (std::vector<std::string>{"2", "1", "signed in for a colleague"}));
  EXPECT_EQ(
      row("SELECT action, version_before, version_after FROM audit_log WHERE reason IS NOT NULL"),
      (std::vector<std::string>{"attendance.corrected", "1", "2"}));
}

TEST_F(Store, HistoryKeepsEveryRevisionWithItsProvenance) {
  const std::string session = "7a2e4d3b-0000-4000-8000-00000000000a";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000aa";
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");
  approve("6f1d3c2a-0000-4000-8000-00000000000a", participant);
  mark(session, participant, {Status::Present, std::nullopt, Source::CheckIn});
  const ImportRef file{"8b1d3c2a-0000-4000-8000-000000000001", std::string(64, 'f')};
  mark(session, participant, {Status::Late, 50, Source::Import, "meeting report", file});
  mark(session, participant, {Status::Present, 110}, kFed, "the report missed the second device");
  const auto history = pool_->transact([&](pqxx::work& tx) {
    return repo::history(tx, ids::FederationId(kFed), ids::SessionId(session),
                         ids::ParticipantId(participant), std::nullopt);
  });
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ(history->at(0).source, Source::CheckIn);
  EXPECT_FALSE(history->at(0).reason);
  EXPECT_EQ(history->at(1).source, Source::Import);
  EXPECT_EQ(history->at(1).import, file);
  EXPECT_EQ(history->at(1).minutes, 50);
  EXPECT_EQ(history->at(2).source, Source::Manual);
  EXPECT_EQ(history->at(2).reason, "the report missed the second device");
  EXPECT_EQ(history->at(2).revision, 3);
  EXPECT_EQ(row("SELECT source, revision FROM attendance"),
            (std::vector<std::string>{"manual", "3"}));
  // A coordinator of another organisation sees no revisions; another federation no session.
  const auto other_org = pool_->transact([&](pqxx::work& tx) {
    return repo::history(tx, ids::FederationId(kFed), ids::SessionId(session),
                         ids::ParticipantId(participant),
                         ids::OrganisationId("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
  });
  ASSERT_TRUE(other_org);
  EXPECT_TRUE(other_org->empty());
  EXPECT_FALSE(pool_->transact([&](pqxx::work& tx) {
    return repo::history(tx, ids::FederationId("uppsala"), ids::SessionId(session),
                         ids::ParticipantId(participant), std::nullopt);
  }));
}

TEST_F(Store, ARefusalWritesNoAuditEntry) {
  const std::string session = "7a2e4d3b-0000-4000-8000-000000000009";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000a9";
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");
  EXPECT_EQ(refusal_of(mark(session, participant, {Status::Present, std::nullopt})),
            Refusal::NotEnrolled);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

// Runs fn(i) on n threads released together, and returns their results in order of i.
template <class Fn>
auto all_at_once(int n, Fn fn) {
  std::vector<decltype(fn(0))> results(static_cast<std::size_t>(n));
  std::latch start(n);
  std::vector<std::jthread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)] = fn(i);
    });
  }
  threads.clear();  // joins
  return results;
}

TEST_F(Store, ConcurrentMarksOfOnePairCountOnce) {
  const std::string session = "7a2e4d3b-0000-4000-8000-000000000007";
  const std::string participant = "6f1d3c2a-0000-4000-8000-0000000000a7";
  schedule(session, "2026-03-10T09:00:00+01:00", "2026-03-10T11:00:00+01:00");
  approve("6f1d3c2a-0000-4000-8000-000000000007", participant);
  constexpr int kThreads = 8;

  // The same first mark at once: one creates the record, the others find it unchanged.
  const auto firsts = all_at_once(kThreads, [&](int) {
    return mark(session, participant, {Status::Present, 120});
  });
  int created = 0, unchanged = 0;
  for (const auto& d : firsts) {
    ASSERT_TRUE(d);
    if (const auto* r = std::get_if<Recorded>(&*d)) created += r->created ? 1 : 100;
    if (std::holds_alternative<Unchanged>(*d)) ++unchanged;
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(unchanged, kThreads - 1);

  // Different corrections at once: consecutive revisions, one event each.
  const auto corrections = all_at_once(kThreads, [&](int i) {
    return mark(session, participant, {Status::Late, 10 + i}, kFed, "corrected");
  });
  std::vector<std::int64_t> revisions;
  for (const auto& d : corrections) revisions.push_back(std::get<Recorded>(*d).record.revision);
  std::sort(revisions.begin(), revisions.end());
  for (int i = 0; i < kThreads; ++i) EXPECT_EQ(revisions[static_cast<std::size_t>(i)], i + 2);
  EXPECT_EQ(count("SELECT count(*) FROM attendance"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM attendance_revisions"), kThreads + 1);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), kThreads + 1);
  EXPECT_EQ(count("SELECT max(revision) FROM attendance"), kThreads + 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), kThreads + 1);
  EXPECT_EQ(count("SELECT count(DISTINCT version_after) FROM audit_log"), kThreads + 1);
}

// --- apologies ----------------------------------------------------------------------------------

class Apologies : public Store {
 protected:
  const std::string session_ = "7a2e4d3b-0000-4000-8000-000000000021";
  const std::string participant_ = "6f1d3c2a-0000-4000-8000-0000000000c1";
  const std::string other_org_ = "5a1b2c3d-0000-4000-8000-000000000002";
  Apologies() {
    schedule(session_, "2030-03-10T09:00:00+01:00", "2030-03-10T11:00:00+01:00");
    approve("6f1d3c2a-0000-4000-8000-000000000021", participant_);
  }
  std::optional<ApologyDecision> apologise(const auth::Principal& who, const std::string& session,
                                           const std::string& participant,
                                           const std::string& reason = "at the dentist") {
    const ApologyCommand command{ids::SessionId(session),
                                 ids::ParticipantId(participant),
                                 reason,
                                 events::new_event_id(),
                                 events::now_rfc3339(),
                                 std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count()};
    http::Request request;
    request.method = http::Method::Post;
    request.path = request.target = "/v1/sessions/" + session + "/apologies";
    Apologist apologist{Apologist::Kind::Administrator, ids::FederationId(who.federation),
                        who.subject, std::nullopt, std::nullopt};
    if (who.has(auth::Role::OrgCoordinator)) {
      apologist.kind = Apologist::Kind::Coordinator;
      apologist.organisation = ids::OrganisationId(*who.organisation);
    } else if (who.has(auth::Role::Participant)) {
      apologist.kind = Apologist::Kind::Participant;
    }
    std::optional<ApologyDecision> decision;
    write_path_->run(request, who, [&](writepath::UnitOfWork& uow) {
      decision = app::register_apology(uow, command, apologist);
      return writepath::WriteResult{200, nullptr, ""};
    });
    return decision;
  }
  void link(const std::string& participant, const std::string& subject) {
    deliver(replicas::kParticipantRegistered,
            {{"federation_id", kFed},
             {"participant_id", participant},
             {"organisation_id", kOrg},
             {"name", "N"},
             {"email", "n@example.se"},
             {"gender", "woman"},
             {"birth_year", 1990},
             {"role", "r"},
             {"subject", subject}},
            replicas::on_participant);
  }
  const auth::Principal admin_{"admin-1", kFed, {auth::Role::FederationAdmin}, std::nullopt};
};

TEST_F(Apologies, AnApologyIsRegisteredOnceWithOneAuditEntry) {
  const auto first = apologise(admin_, session_, participant_);
  ASSERT_TRUE(first && std::holds_alternative<ApologyRegistered>(*first));
  const auto again = apologise(admin_, session_, participant_, "another reason");
  ASSERT_TRUE(again);
  EXPECT_EQ(std::get<ApologyUnchanged>(*again).apology.reason, "at the dentist");
  EXPECT_EQ(count("SELECT count(*) FROM apologies"), 1);
  EXPECT_EQ(row("SELECT action, entity_type, version_after::text, reason IS NULL FROM audit_log"),
            (std::vector<std::string>{"apology.registered", "apology", "1", "t"}));
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 0);  // the reason never leaves the service
}

TEST_F(Apologies, ASessionThatHasStartedOrIsUnknownTakesNone) {
  const std::string past = "7a2e4d3b-0000-4000-8000-000000000022";
  schedule(past, "2026-01-10T09:00:00+01:00", "2026-01-10T11:00:00+01:00");
  const auto late = apologise(admin_, past, participant_);
  ASSERT_TRUE(late);
  EXPECT_EQ(std::get<ApologyRefused>(*late).reason, ApologyRefusal::SessionStarted);
  EXPECT_FALSE(apologise(admin_, "7a2e4d3b-0000-4000-8000-0000000000ff", participant_));
  const auth::Principal stranger{"admin-2", "skane", {auth::Role::FederationAdmin}, std::nullopt};
  EXPECT_FALSE(apologise(stranger, session_, participant_));  // another federation's session
  EXPECT_EQ(count("SELECT count(*) FROM apologies"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(Apologies, CoordinatorsAndParticipantsAreConfined) {
  const auth::Principal theirs{"coord-2", kFed, {auth::Role::OrgCoordinator}, other_org_};
  EXPECT_EQ(std::get<ApologyRefused>(*apologise(theirs, session_, participant_)).reason,
            ApologyRefusal::ParticipantNotFound);
  const auth::Principal person{"person-1", kFed, {auth::Role::Participant}, std::nullopt};
  EXPECT_EQ(std::get<ApologyRefused>(*apologise(person, session_, participant_)).reason,
            ApologyRefusal::NotYourself);  // not linked yet
  link(participant_, "person-1");
  const auto own = apologise(person, session_, participant_);
  ASSERT_TRUE(own && std::holds_alternative<ApologyRegistered>(*own));

  // Reading: the coordinator of the participant's organisation and the participant see it; the
  // other organisation's coordinator and another person do not.
  const auto listed = [&](repo::ApologyFilter filter) {
    return pool_->transact([&](pqxx::work& tx) {
      return repo::list_apologies(tx, ids::FederationId(kFed), ids::SessionId(session_), filter)
          ->size();
    });
  };
  EXPECT_EQ(listed({}), 1U);
  EXPECT_EQ(listed({ids::OrganisationId(kOrg), std::nullopt}), 1U);
  EXPECT_EQ(listed({ids::OrganisationId(other_org_), std::nullopt}), 0U);
  EXPECT_EQ(listed({std::nullopt, ids::ParticipantId(participant_)}), 1U);
  EXPECT_EQ(listed({std::nullopt, ids::ParticipantId("6f1d3c2a-0000-4000-8000-0000000000c9")}), 0U);
}

TEST_F(Apologies, ConcurrentApologiesOfOnePairRegisterOnce) {
  const auto results =
      all_at_once(6, [&](int) { return apologise(admin_, session_, participant_); });
  int registered = 0;
  for (const auto& d : results) {
    ASSERT_TRUE(d);
    if (std::holds_alternative<ApologyRegistered>(*d))
      ++registered;
    else
      EXPECT_TRUE(std::holds_alternative<ApologyUnchanged>(*d));
  }
  EXPECT_EQ(registered, 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log"), 1);
}

// --- auto-marking -------------------------------------------------------------------------------

// An RFC 3339 UTC time `minutes` before now.
std::string minutes_ago(long minutes) {
  const auto t = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) -
                 std::chrono::minutes(minutes);
  const auto day = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day date{day};
  const std::chrono::hh_mm_ss time{t - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<long>(time.hours().count()),
                static_cast<long>(time.minutes().count()),
                static_cast<long>(time.seconds().count()));
  return text;
}

class AutoMarking : public Store {
 protected:
  const std::string due_ = "7a2e4d3b-0000-4000-8000-000000000031";
  const std::string too_recent_ = "7a2e4d3b-0000-4000-8000-000000000032";
  const std::string too_old_ = "7a2e4d3b-0000-4000-8000-000000000033";
  const std::string cancelled_ = "7a2e4d3b-0000-4000-8000-000000000034";
  const std::string marked_ = "6f1d3c2a-0000-4000-8000-0000000000d1";
  const std::string apologised_ = "6f1d3c2a-0000-4000-8000-0000000000d2";
  const std::string silent_ = "6f1d3c2a-0000-4000-8000-0000000000d3";
  const std::string pending_ = "6f1d3c2a-0000-4000-8000-0000000000d4";
  const std::string left_ = "6f1d3c2a-0000-4000-8000-0000000000d5";
  const app::AutoMarkSettings settings_{std::chrono::minutes(60), std::chrono::hours(24 * 7),
                                        std::chrono::seconds(1)};

  AutoMarking() {
    schedule(due_, minutes_ago(180), minutes_ago(90));
    schedule(too_recent_, minutes_ago(120), minutes_ago(30));
    schedule(too_old_, minutes_ago(8 * 24 * 60), minutes_ago(8 * 24 * 60 - 60));
    schedule(cancelled_, minutes_ago(180), minutes_ago(90));
    deliver(replicas::kSessionChanged,
            changed_session(cancelled_, minutes_ago(180), minutes_ago(90), "cancelled", 2),
            replicas::on_session_changed);
    approve("6f1d3c2a-0000-4000-8000-000000000031", marked_);
    approve("6f1d3c2a-0000-4000-8000-000000000032", apologised_);
    approve("6f1d3c2a-0000-4000-8000-000000000033", silent_);
    auto pending =
        changed_enrolment("6f1d3c2a-0000-4000-8000-000000000034", pending_, "pending", nullptr, 1);
    pending["approved_at"] = nullptr;
    pending["stage"] = "organisation";
    deliver(replicas::kEnrolmentChanged, pending, replicas::on_enrolment_changed);
    deliver(replicas::kEnrolmentChanged,
            changed_enrolment("6f1d3c2a-0000-4000-8000-000000000035", left_, "withdrawn",
                              "2020-01-01", 2),
            replicas::on_enrolment_changed);
    const auto present = mark(due_, marked_, {Status::Present, std::nullopt});
    if (!present || !std::holds_alternative<Recorded>(*present)) throw std::logic_error("setup");
    // Registered before the session started (written directly: the session is over by now).
    pool_->transact([&](pqxx::work& tx) {
      repo::insert_apology(
          tx, {events::new_event_id(), ids::FederationId(kFed), ids::SessionId(due_),
               ids::ParticipantId(apologised_), "ill", "admin-1", "2026-01-01T08:00:00.000Z"});
    });
  }
  std::vector<std::string> mark_of(const std::string& session, const std::string& participant) {
    return row(
        "SELECT status, source, minutes::text, recorded_by FROM attendance WHERE session_id "
        "= '" +
        session + "' AND participant_id = '" + participant + "'");
  }
};

TEST_F(AutoMarking, MarksTheUnmarkedOfADueSessionExcusedOrAbsent) {
  EXPECT_EQ(app::auto_mark_due(*pool_, outbox_, settings_), 2U);
  EXPECT_EQ(mark_of(due_, apologised_),
            (std::vector<std::string>{"excused", "auto", "0", "samverkan-auto-marking"}));
  EXPECT_EQ(mark_of(due_, silent_),
            (std::vector<std::string>{"absent", "auto", "0", "samverkan-auto-marking"}));
  EXPECT_EQ(mark_of(due_, marked_)[0], "present");  // a mark stays as it was
  // Pending: no place; left before the session: refused by the rules. Neither is marked, and no
  // other session is touched: too recent, too old, cancelled.
  EXPECT_EQ(count("SELECT count(*) FROM attendance"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM attendance WHERE session_id <> '" + due_ + "'"), 0);
  // Each mark is a revision with its event and its audit entry.
  EXPECT_EQ(count("SELECT count(*) FROM attendance_revisions r JOIN attendance a ON a.id = "
                  "r.record_id WHERE a.source = 'auto'"),
            2);
  EXPECT_EQ(count("SELECT count(*) FROM outbox"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE subject = 'samverkan-auto-marking' AND "
                  "action = 'attendance.recorded'"),
            2);
}

TEST_F(AutoMarking, ASecondRunChangesNothingAndARescheduleIsLookedAtAgain) {
  EXPECT_EQ(app::auto_mark_due(*pool_, outbox_, settings_), 2U);
  EXPECT_EQ(app::auto_mark_due(*pool_, outbox_, settings_), 0U);
  // Rescheduled into the past again (a new version): looked at again, but everyone is marked.
  deliver(replicas::kSessionChanged,
          changed_session(due_, minutes_ago(200), minutes_ago(100), "scheduled", 2),
          replicas::on_session_changed);
  EXPECT_EQ(app::auto_mark_due(*pool_, outbox_, settings_), 0U);
  EXPECT_EQ(count("SELECT count(*) FROM attendance_revisions"), 3);
  EXPECT_EQ(count("SELECT auto_marked_version FROM sessions WHERE id = '" + due_ + "'"), 2);
  // The session that was too recent becomes due once enough time has passed (a shorter delay here).
  const app::AutoMarkSettings sooner{std::chrono::minutes(10), std::chrono::hours(24 * 7),
                                     std::chrono::seconds(1)};
  EXPECT_EQ(app::auto_mark_due(*pool_, outbox_, sooner), 3U);  // no one was marked there
}

TEST_F(AutoMarking, ReplicasRunningAtOnceMarkEachPersonOnce) {
  const auto results =
      all_at_once(4, [&](int) { return app::auto_mark_due(*pool_, outbox_, settings_); });
  std::size_t total = 0;
  for (const auto marked : results) total += marked;
  EXPECT_EQ(total, 2U);
  EXPECT_EQ(count("SELECT count(*) FROM attendance"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE subject = 'samverkan-auto-marking'"), 2);
}

// --- monthly time statements --------------------------------------------------------------------

class Statements : public Store {
 protected:
  const std::string first_ = "7a2e4d3b-0000-4000-8000-000000000041";
  const std::string second_ = "7a2e4d3b-0000-4000-8000-000000000042";
  const std::string april_ = "7a2e4d3b-0000-4000-8000-000000000043";
  const std::string participant_ = "6f1d3c2a-0000-4000-8000-0000000000e1";
  const std::string month_ = "2026-03";
  Statements() {
    schedule(first_, "2026-03-02T09:00:00+01:00", "2026-03-02T11:00:00+01:00");
    // 00:30 on 1 April in Stockholm is still 31 March in UTC: the session's own zone decides.
    schedule(second_, "2026-03-31T10:00:00+02:00", "2026-03-31T12:00:00+02:00");
    schedule(april_, "2026-04-01T00:30:00+02:00", "2026-04-01T02:30:00+02:00");
    approve("6f1d3c2a-0000-4000-8000-000000000041", participant_);
    for (const auto& session : {first_, second_, april_}) {
      const auto marked = mark(session, participant_, {Status::Present, std::nullopt});
      if (!marked || !std::holds_alternative<Recorded>(*marked)) throw std::logic_error("setup");
    }
  }
  app::MonthStatement read() {
    return pool_->transact([&](pqxx::work& tx) {
      return app::read_statement(tx, ids::FederationId(kFed), ids::ParticipantId(participant_),
                                 month_);
    });
  }
  ConfirmDecision confirm(const std::string& sha256) {
    const auth::Principal person{"person-1", kFed, {auth::Role::Participant}, std::nullopt};
    http::Request request;
    request.method = http::Method::Post;
    request.path = request.target =
        "/v1/participants/" + participant_ + "/statements/" + month_ + "/confirm";
    std::optional<ConfirmDecision> decision;
    write_path_->run(request, person, [&](writepath::UnitOfWork& uow) {
      decision = app::confirm_statement(uow, ids::ParticipantId(participant_), month_,
                                        {sha256, events::now_rfc3339(), person.subject});
      return writepath::WriteResult{200, nullptr, ""};
    });
    return *decision;
  }
  long long statement_events() {
    return count(
        "SELECT count(*) FROM outbox WHERE type = 'se.samverkan.attendance.statement.changed.v1'");
  }
};

TEST_F(Statements, TheMonthHoldsItsSessionsByLocalDate) {
  const auto month = read();
  ASSERT_EQ(month.content.sessions.size(), 2U);
  EXPECT_EQ(month.content.sessions[0].date, "2026-03-02");
  EXPECT_EQ(month.content.sessions[1].date, "2026-03-31");
  EXPECT_EQ(session_minutes(month.content), 240);
  EXPECT_EQ(month.view.version, 1);
  EXPECT_EQ(month.view.state, StatementState::Unconfirmed);
  EXPECT_TRUE(month.versions.empty());
}

TEST_F(Statements, ACorrectionSupersedesTheConfirmedVersionWhichStaysReadable) {
  const auto before = read();
  const auto confirmed = confirm(before.view.sha256);
  ASSERT_TRUE(std::holds_alternative<StatementConfirmed>(confirmed));
  EXPECT_EQ(read().view.state, StatementState::Confirmed);
  EXPECT_EQ(statement_events(), 1);
  EXPECT_EQ(row("SELECT action, entity_id, version_after::text FROM audit_log WHERE action LIKE "
                "'statement.%'"),
            (std::vector<std::string>{"statement.confirmed", participant_ + "/" + month_, "1"}));
  EXPECT_TRUE(std::holds_alternative<StatementAlreadyConfirmed>(confirm(before.view.sha256)));

  // A change in another month leaves March alone; one in March supersedes it.
  ASSERT_TRUE(std::holds_alternative<Recorded>(
      *mark(april_, participant_, {Status::Late, 30}, kFed, "came late")));
  EXPECT_EQ(read().view.state, StatementState::Confirmed);
  ASSERT_TRUE(std::holds_alternative<Recorded>(
      *mark(second_, participant_, {Status::Late, 60}, kFed, "left early")));
  EXPECT_EQ(statement_events(), 2);
  EXPECT_EQ(row("SELECT payload->>'state' FROM outbox WHERE type = "
                "'se.samverkan.attendance.statement.changed.v1' ORDER BY seq DESC LIMIT 1"),
            (std::vector<std::string>{"superseded"}));

  const auto after = read();
  EXPECT_EQ(after.view.version, 2);
  EXPECT_EQ(after.view.state, StatementState::Unconfirmed);
  EXPECT_EQ(session_minutes(after.content), 180);
  ASSERT_EQ(after.versions.size(), 1U);
  EXPECT_EQ(after.versions[0].state, StatementState::Superseded);
  // The old version keeps exactly what was confirmed.
  const auto old = pool_->transact([&](pqxx::work& tx) {
    return repo::statement_version(tx, ids::FederationId(kFed), ids::ParticipantId(participant_),
                                   month_, 1);
  });
  ASSERT_TRUE(old);
  EXPECT_EQ(old->canonical, before.view.canonical);
  EXPECT_EQ(old->sha256, before.view.sha256);
  EXPECT_EQ(old->session_minutes, 240);

  // The old hash no longer confirms anything; the new one makes version 2.
  EXPECT_EQ(std::get<ConfirmRefused>(confirm(before.view.sha256)).reason, ConfirmRefusal::Stale);
  const auto again = confirm(after.view.sha256);
  EXPECT_EQ(std::get<StatementConfirmed>(again).statement.version, 2);
  EXPECT_EQ(read().view.state, StatementState::Confirmed);
}

TEST_F(Statements, TheStatusPerOrganisationCountsConfirmedSupersededAndUnconfirmed) {
  const std::string other = "6f1d3c2a-0000-4000-8000-0000000000e2";
  approve("6f1d3c2a-0000-4000-8000-000000000042", other);
  ASSERT_TRUE(
      std::holds_alternative<Recorded>(*mark(first_, other, {Status::Present, std::nullopt})));
  confirm(read().view.sha256);
  const auto status = [&](std::optional<ids::OrganisationId> organisation) {
    return pool_->transact([&](pqxx::work& tx) {
      return repo::month_status(tx, ids::FederationId(kFed), month_, organisation);
    });
  };
  auto now = status(std::nullopt);
  ASSERT_EQ(now.size(), 1U);
  EXPECT_EQ((std::tuple{now[0].participants, now[0].confirmed, now[0].superseded}),
            (std::tuple{2L, 1L, 0L}));
  mark(first_, participant_, {Status::Absent, std::nullopt}, kFed, "was not there");
  now = status(ids::OrganisationId(kOrg));
  EXPECT_EQ((std::tuple{now[0].participants, now[0].confirmed, now[0].superseded}),
            (std::tuple{2L, 0L, 1L}));
  EXPECT_TRUE(status(ids::OrganisationId("5a1b2c3d-0000-4000-8000-0000000000ff")).empty());
}

// --- self-study ---------------------------------------------------------------------------------

class SelfStudy : public Statements {
 protected:
  const std::string module_ = "1b2c3d4e-0000-4000-8000-000000000051";
  const std::string moduled_session_ = "7a2e4d3b-0000-4000-8000-000000000051";
  SelfStudy() {
    auto data =
        session_data(moduled_session_, "2026-03-20T09:00:00+01:00", "2026-03-20T11:00:00+01:00");
    data["module_id"] = module_;
    deliver(replicas::kSessionScheduled, data, replicas::on_session_scheduled);
    deliver(replicas::kParticipantRegistered,
            {{"federation_id", kFed},
             {"participant_id", participant_},
             {"organisation_id", kOrg},
             {"name", "N"},
             {"email", "n@example.se"},
             {"gender", "woman"},
             {"birth_year", 1990},
             {"role", "r"},
             {"subject", "person-1"}},
            replicas::on_participant);
  }
  template <class Work>
  auto as(const auth::Principal& who, const std::string& path, Work work) {
    http::Request request;
    request.method = http::Method::Post;
    request.path = request.target = path;
    std::optional<decltype(work(std::declval<writepath::UnitOfWork&>()))> result;
    write_path_->run(request, who, [&](writepath::UnitOfWork& uow) {
      result = work(uow);
      return writepath::WriteResult{200, nullptr, ""};
    });
    return *result;
  }
  SelfStudyDecision log(const std::string& studied_on, std::int64_t minutes) {
    const LogSelfStudy command{ids::ParticipantId(participant_),
                               ids::CohortId(kCohort),
                               ids::ModuleId(module_),
                               studied_on,
                               minutes,
                               "read chapter 3",
                               events::new_event_id(),
                               events::now_rfc3339()};
    return as(person_, "/v1/self-study", [&](writepath::UnitOfWork& uow) {
      return app::log_self_study(uow, command,
                                 {Reviewer::Kind::Participant, ids::FederationId(kFed),
                                  person_.subject, std::nullopt, std::nullopt});
    });
  }
  std::optional<SelfStudyDecision> approve_entry(const std::string& id) {
    return as(admin_, "/v1/self-study/" + id + "/approve", [&](writepath::UnitOfWork& uow) {
      return app::review_self_study(
          uow, id, {SelfStudyStatus::Approved, std::nullopt, events::now_rfc3339()},
          {Reviewer::Kind::Administrator, ids::FederationId(kFed), admin_.subject, std::nullopt,
           std::nullopt});
    });
  }
  void allow(bool allowed) {
    as(admin_, "/v1/cohorts/" + kCohort + "/self-study-policy", [&](writepath::UnitOfWork& uow) {
      return app::set_self_study_policy(uow, ids::CohortId(kCohort), allowed);
    });
  }
  const auth::Principal person_{"person-1", kFed, {auth::Role::Participant}, std::nullopt};
  const auth::Principal admin_{"admin-1", kFed, {auth::Role::FederationAdmin}, std::nullopt};
};

TEST_F(SelfStudy, OnlyWhereTheCohortAllowsIt) {
  EXPECT_EQ(std::get<SelfStudyRefused>(log("2026-03-05", 90)).reason, SelfStudyRefusal::NotAllowed);
  allow(true);
  allow(true);  // the same again: no entry
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'self_study_policy.set'"), 1);
  EXPECT_TRUE(std::holds_alternative<SelfStudyChanged>(log("2026-03-05", 90)));
  allow(false);
  EXPECT_EQ(std::get<SelfStudyRefused>(log("2026-03-06", 30)).reason, SelfStudyRefusal::NotAllowed);
  EXPECT_EQ(count("SELECT version FROM self_study_policies"), 2);
}

TEST_F(SelfStudy, ApprovedSelfStudyCountsInTheStatementApartFromSessions) {
  allow(true);
  const auto first = std::get<SelfStudyChanged>(log("2026-03-05", 90)).entry;
  EXPECT_EQ(count("SELECT count(*) FROM outbox WHERE type = "
                  "'se.samverkan.attendance.self_study.changed.v1'"),
            1);
  EXPECT_TRUE(read().content.self_study.empty());  // pending counts for nothing yet
  ASSERT_TRUE(std::holds_alternative<SelfStudyChanged>(*approve_entry(first.id)));
  EXPECT_TRUE(std::holds_alternative<SelfStudyUnchanged>(*approve_entry(first.id)));
  EXPECT_FALSE(approve_entry("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7aff"));

  auto month = read();
  ASSERT_EQ(month.content.self_study.size(), 1U);
  EXPECT_EQ(self_study_minutes(month.content), 90);
  EXPECT_EQ(session_minutes(month.content), 240);  // kept apart
  EXPECT_EQ(row("SELECT action, version_before::text, version_after::text FROM audit_log WHERE "
                "action = 'self_study.approved'"),
            (std::vector<std::string>{"self_study.approved", "1", "2"}));

  // Confirmed, then another entry of March is approved: the statement is superseded.
  ASSERT_TRUE(std::holds_alternative<StatementConfirmed>(confirm(month.view.sha256)));
  const auto second = std::get<SelfStudyChanged>(log("2026-03-06", 30)).entry;
  EXPECT_EQ(read().view.state, StatementState::Confirmed);  // pending changes nothing
  approve_entry(second.id);
  month = read();
  EXPECT_EQ(month.view.state, StatementState::Unconfirmed);
  EXPECT_EQ(month.versions.at(0).state, StatementState::Superseded);
  EXPECT_EQ(self_study_minutes(month.content), 120);
}

// --- self check-in ------------------------------------------------------------------------------

class CheckIn : public Store {
 protected:
  const std::string session_ = "7a2e4d3b-0000-4000-8000-000000000061";
  const std::string participant_ = "6f1d3c2a-0000-4000-8000-0000000000f1";
  std::int64_t now_ = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  CheckIn() {
    schedule(session_, minutes_ago(-5), minutes_ago(-125));  // starts in five minutes
    approve("6f1d3c2a-0000-4000-8000-000000000061", participant_);
  }
  app::CodeAnswer open(const auth::Principal& who) {
    http::Request request;
    request.method = http::Method::Post;
    request.path = request.target = "/v1/sessions/" + session_ + "/check-in";
    std::optional<app::CodeAnswer> answer;
    write_path_->run(request, who, [&](writepath::UnitOfWork& uow) {
      answer = app::open_check_in(uow, ids::SessionId(session_), now_);
      return writepath::WriteResult{200, nullptr, ""};
    });
    return *answer;
  }
  CheckInOutcome verify(const std::string& code, std::int64_t at) {
    return *app::verify_check_in(*pool_, ids::FederationId(kFed), ids::SessionId(session_),
                                 ids::ParticipantId(participant_), code, at);
  }
  std::optional<Decision> check_in() {
    const auth::Principal person{"person-1", kFed, {auth::Role::Participant}, std::nullopt};
    http::Request request;
    request.method = http::Method::Post;
    request.path = request.target = "/v1/sessions/" + session_ + "/check-ins";
    std::optional<Decision> decision;
    write_path_->run(request, person, [&](writepath::UnitOfWork& uow) {
      decision = app::mark_checked_in(uow, ids::SessionId(session_),
                                      ids::ParticipantId(participant_), events::now_rfc3339());
      return writepath::WriteResult{200, nullptr, ""};
    });
    return decision;
  }
  const auth::Principal trainer_{"trainer-1", kFed, {auth::Role::Trainer}, std::nullopt};
};

TEST_F(CheckIn, OnlyTheSessionsTrainerOpensItOnceAndTheCodeRotates) {
  const auth::Principal other{"trainer-2", kFed, {auth::Role::Trainer}, std::nullopt};
  EXPECT_EQ(std::get<app::CheckInRefusal>(open(other)), app::CheckInRefusal::NotSessionTrainer);
  const auto first = std::get<app::CheckInCode>(open(trainer_));
  const auto again = std::get<app::CheckInCode>(open(trainer_));
  EXPECT_EQ(first.code, again.code);  // the same secret and step
  EXPECT_EQ(count("SELECT count(*) FROM check_ins"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'check_in.opened'"), 1);
  EXPECT_EQ(first.valid_until % kStepSeconds, 0);
  EXPECT_EQ(first.closes - first.opens, kOpensBeforeStart + kClosesAfterStart);
  const auto read = pool_->transact([&](pqxx::work& tx) {
    return app::current_code(tx, {ids::FederationId(kFed), "trainer-1", true},
                             ids::SessionId(session_), now_ + kStepSeconds);
  });
  const auto next = std::get<app::CheckInCode>(read);
  EXPECT_EQ(next.valid_until, first.valid_until + kStepSeconds);
}

TEST_F(CheckIn, TheRightCodeMarksPresentFromCheckInAndALaterMarkOverridesIt) {
  EXPECT_EQ(verify("123456", now_), CheckInOutcome::NotOpen);
  const auto code = std::get<app::CheckInCode>(open(trainer_)).code;
  EXPECT_EQ(verify(code, now_), CheckInOutcome::Accepted);
  const auto marked = check_in();
  ASSERT_TRUE(marked && std::holds_alternative<Recorded>(*marked));
  EXPECT_EQ(row("SELECT status, source, minutes::text FROM attendance"),
            (std::vector<std::string>{"present", "check_in", "120"}));
  EXPECT_TRUE(std::holds_alternative<Unchanged>(*check_in()));  // twice: nothing new
  // The trainer corrects it: a revision from a manual source.
  const auto corrected = mark(session_, participant_, {Status::Late, 60}, kFed, "came at 10:00");
  ASSERT_TRUE(corrected && std::holds_alternative<Recorded>(*corrected));
  EXPECT_EQ(row("SELECT status, source, revision::text FROM attendance"),
            (std::vector<std::string>{"late", "manual", "2"}));
  EXPECT_TRUE(std::holds_alternative<Unchanged>(*check_in()));  // a check-in does not override
  EXPECT_EQ(count("SELECT count(*) FROM attendance_revisions"), 2);
}

TEST_F(CheckIn, WrongCodesAreCountedAndLimitedOutsideTheWindowIsRefused) {
  const auto code = std::get<app::CheckInCode>(open(trainer_)).code;
  const std::string wrong = code == "000000" ? "000001" : "000000";
  for (int i = 0; i < kMaxWrongPerParticipant; ++i)
    EXPECT_EQ(verify(wrong, now_), CheckInOutcome::WrongCode);
  EXPECT_EQ(verify(code, now_), CheckInOutcome::Limited);
  EXPECT_EQ(count("SELECT failures FROM check_in_failures"), kMaxWrongPerParticipant);
  pool_->transact([&](pqxx::work& tx) { tx.exec("DELETE FROM check_in_failures"); });
  EXPECT_EQ(verify(check_in_code("x", 0), now_ + 3600), CheckInOutcome::OutsideWindow);
  EXPECT_EQ(verify(code, now_), CheckInOutcome::Accepted);
}

}  // namespace
}  // namespace samverkan::attendance
