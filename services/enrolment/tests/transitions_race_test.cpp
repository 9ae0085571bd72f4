// Approve and withdraw against the real PostgreSQL, through the same code the HTTP routes run
// (app/commands.cpp): concurrent transitions of one enrolment succeed at most once per version,
// the final row agrees with the last event, and every transition left exactly one event.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <latch>
#include <map>
#include <samverkan/db/migrate.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/testing/infra.hpp>
#include <set>
#include <thread>
#include <vector>

#include "../app/commands.hpp"
#include "../repo/repo.hpp"

namespace samverkan::enrolment {
namespace {

constexpr int kRacers = 12;

Timestamp clock_now() {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

class Transitions : public ::testing::Test {
 protected:
  Transitions()
      : schema_(testing::unique_name("enrolment_race")),
        pool_(migrated(schema_), schema_, kRacers + 2),
        registry_(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events"),
        outbox_(registry_, "/samverkan/enrolment") {}

  ~Transitions() override {
    try {
      pqxx::connection conn(testing::infra().database_url);
      pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // A leftover schema in the throwaway database is harmless.
    }
  }

  static std::string migrated(const std::string& schema) {
    const auto& url = testing::infra().database_url;
    const std::filesystem::path sql = std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql";
    db::migrate(url, schema, sql / "common");
    db::migrate(url, schema, sql / "enrolment");
    return url;
  }

  app::Effects fx() const { return {outbox_, {}}; }

  // A participant of the test's organisation, a cohort running from 10 days ago to 100 days
  // ahead, and a pending enrolment (version 1) in it.
  EnrolmentId pending_enrolment() {
    const Actor admin{"admin-1", FederationId("ostergotland"), {auth::Role::FederationAdmin}, {}};
    const bool first = !org_;
    if (first) org_ = OrganisationId(events::new_event_id());
    const OrganisationId org = *org_;
    const ParticipantId person(events::new_event_id());
    const CohortId cohort(events::new_event_id());
    const EnrolmentId id(events::new_event_id());
    const Date today = day_of(clock_now());
    return pool_.transact([&](pqxx::work& tx) {
      if (first) {
        EXPECT_TRUE(app::register_organisation(tx, fx(), {"Kommun", "212000-0449", "municipality"},
                                               admin, org)
                        .ok());
      }
      EXPECT_TRUE(app::register_participant(
                      tx, fx(), {org, "Astrid", person.str() + "@example.se", "woman", 1980, ""},
                      admin, person)
                      .ok());
      repo::store_cohort(tx, {{cohort, admin.federation, today - std::chrono::days(10),
                               today + std::chrono::days(100)},
                              ids::ProgrammeId(events::new_event_id()),
                              "Cohort",
                              1});
      auto requested = app::request_enrolment(tx, fx(), person, cohort, admin, id, clock_now());
      EXPECT_TRUE(requested.ok());
      return id;
    });
  }

  struct Emitted {
    std::string type;
    std::int64_t version;
    std::string status;
    std::string changed_at;
  };
  std::vector<Emitted> emitted(const EnrolmentId& id) {
    return pool_.transact([&](pqxx::work& tx) {
      std::vector<Emitted> out;
      for (const auto& r : tx.exec_params(
               "SELECT type, payload::text FROM outbox WHERE aggregateid = $1 ORDER BY seq",
               id.str())) {
        const auto data = boost::json::parse(r[1].as<std::string>()).as_object();
        const auto text = [&](const char* key) {
          const auto* v = data.if_contains(key);
          return v && v->is_string() ? std::string(v->as_string()) : std::string();
        };
        out.push_back({r[0].as<std::string>(), data.at("version").as_int64(), text("status"),
                       text("changed_at")});
      }
      return out;
    });
  }

  Enrolment stored(const EnrolmentId& id) {
    return pool_.transact([&](pqxx::work& tx) {
      return *repo::find_enrolment(tx, FederationId("ostergotland"), id);
    });
  }

  std::string schema_;
  std::optional<OrganisationId> org_;
  db::Pool pool_;
  events::SchemaRegistry registry_;
  events::Outbox outbox_;
};

TEST_F(Transitions, ConcurrentApprovalsAndWithdrawalsSucceedOncePerVersion) {
  const Actor admin{"admin-1", FederationId("ostergotland"), {auth::Role::FederationAdmin}, {}};
  const Withdrawal withdrawal{day_of(clock_now()) + std::chrono::days(5), "left the post"};
  for (int round = 0; round < 5; ++round) {
    const auto id = pending_enrolment();
    std::latch start(kRacers);
    std::vector<Result<Enrolment>> results(kRacers, conflict("not run"));
    std::vector<std::thread> racers;
    for (int i = 0; i < kRacers; ++i) {
      racers.emplace_back([&, i] {
        start.arrive_and_wait();  // all begin together, to make the race as tight as possible
        results[i] = pool_.transact([&](pqxx::work& tx) {
          return i % 2 == 0 ? app::approve_enrolment(tx, fx(), id, admin, clock_now)
                            : app::withdraw_enrolment(tx, fx(), id, withdrawal, admin, clock_now);
        });
      });
    }
    for (auto& t : racers) t.join();

    // The winners: at most one approval (from version 1) and at most one withdrawal; every
    // loser was refused by a rule of the state it found, never by an error.
    std::map<std::int64_t, int> winners_per_version;
    int approvals = 0, withdrawals = 0;
    for (int i = 0; i < kRacers; ++i) {
      if (results[i].ok()) {
        ++winners_per_version[results[i].value().version];
        (i % 2 == 0 ? approvals : withdrawals) += 1;
      } else {
        EXPECT_EQ(results[i].error().kind, DomainError::Kind::Conflict)
            << results[i].error().message;
      }
    }
    for (const auto& [version, winners] : winners_per_version) {
      EXPECT_EQ(winners, 1) << "two transitions succeeded to version " << version;
    }
    EXPECT_LE(approvals, 1);
    EXPECT_EQ(withdrawals, 1);  // a withdrawal is possible from pending and from approved

    // One enrolment.changed per transition, versions 2, 3, ... without gaps; the row is at the
    // last one, in the state that event describes.
    const auto events = emitted(id);
    std::vector<Emitted> changed;
    int approved_events = 0;
    for (const auto& e : events) {
      if (e.type == "se.samverkan.enrolment.enrolment.changed.v1") changed.push_back(e);
      if (e.type == "se.samverkan.enrolment.enrolment.approved.v1") ++approved_events;
    }
    ASSERT_EQ(changed.size(), static_cast<std::size_t>(approvals + withdrawals));
    for (std::size_t k = 0; k < changed.size(); ++k) {
      EXPECT_EQ(changed[k].version, static_cast<std::int64_t>(k) + 2);
      // A transition that waited for the lock is stamped no earlier than the one before it.
      if (k > 0) {
        EXPECT_GE(changed[k].changed_at, changed[k - 1].changed_at);
      }
    }
    EXPECT_EQ(approved_events, approvals);
    const auto final_state = stored(id);
    EXPECT_EQ(final_state.version, changed.back().version);
    EXPECT_EQ(final_state.status, EnrolmentStatus::Withdrawn);
    EXPECT_EQ(changed.back().status, "withdrawn");
    EXPECT_EQ(final_state.left_on, withdrawal.left_on);
  }
}

TEST_F(Transitions, AStaleDecisionIsNotStoredEvenWithoutTheLock) {
  // Two decisions made from the same snapshot (version 1), as two requests that skipped the row
  // lock would make them: the first is stored, the second finds the version moved and is refused.
  const Actor admin{"admin-1", FederationId("ostergotland"), {auth::Role::FederationAdmin}, {}};
  const auto id = pending_enrolment();
  const auto snapshot = stored(id);
  const auto cohort = pool_.transact(
      [&](pqxx::work& tx) { return *repo::find_cohort(tx, snapshot.federation, snapshot.cohort); });
  const auto approve = decide_approve(snapshot, admin, clock_now());
  const auto withdraw =
      decide_withdraw(snapshot, cohort, {day_of(clock_now()), "left"}, admin, clock_now());
  ASSERT_TRUE(approve.ok());
  ASSERT_TRUE(withdraw.ok());
  EXPECT_TRUE(pool_.transact(
      [&](pqxx::work& tx) { return repo::update_enrolment(tx, approve.value().next, 1); }));
  EXPECT_FALSE(pool_.transact(
      [&](pqxx::work& tx) { return repo::update_enrolment(tx, withdraw.value().next, 1); }));
  EXPECT_EQ(stored(id).status, EnrolmentStatus::Approved);
  EXPECT_EQ(stored(id).version, 2);
}

}  // namespace
}  // namespace samverkan::enrolment
