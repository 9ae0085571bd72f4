// Approve and withdraw against the real PostgreSQL, through the same code the HTTP routes run
// (app/commands.cpp inside writepath::WritePath): concurrent transitions of one enrolment succeed
// at most once per version, the final row agrees with the last event, and every transition left
// exactly one event and one audit entry (version before and after; the reason for a withdrawal).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <latch>
#include <map>
#include <samverkan/db/migrate.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/testing/infra.hpp>
#include <samverkan/writepath/write_path.hpp>
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

Actor admin() {
  return {"admin-1", FederationId("ostergotland"), {auth::Role::FederationAdmin}, {}};
}

class Transitions : public ::testing::Test {
 protected:
  Transitions()
      : schema_(testing::unique_name("enrolment_race")),
        pool_(migrated(schema_), schema_, kRacers + 2),
        registry_(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events"),
        outbox_(registry_, "/samverkan/enrolment"),
        path_(pool_, outbox_, "enrolment") {}

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

  // A unit of work outside the write path, for setting up data (its audit entries are dropped).
  template <class Fn>
  auto setup(Fn&& fn) {
    return pool_.transact([&](pqxx::work& tx) {
      writepath::UnitOfWork uow(tx, setup_actor_, outbox_);
      return fn(uow);
    });
  }

  // A participant of the test's organisation, a cohort running from 10 days ago to 100 days
  // ahead, and a pending enrolment (version 1) in it.
  EnrolmentId pending_enrolment() {
    const bool first = !org_;
    if (first) org_ = OrganisationId(events::new_event_id());
    const OrganisationId org = *org_;
    const ParticipantId person(events::new_event_id());
    const CohortId cohort(events::new_event_id());
    const EnrolmentId id(events::new_event_id());
    const Date today = day_of(clock_now());
    return setup([&](writepath::UnitOfWork& uow) {
      if (first) {
        const NewOrganisation o{"Kommun", "212000-0449", "municipality"};
        EXPECT_TRUE(app::register_organisation(uow, o, admin(), org).ok());
      }
      const NewParticipant p{org, "Astrid", person.str() + "@example.se", "woman", 1980, ""};
      EXPECT_TRUE(app::register_participant(uow, p, admin(), person).ok());
      repo::store_cohort(uow.tx(), {{cohort, admin().federation, today - std::chrono::days(10),
                                     today + std::chrono::days(100)},
                                    ids::ProgrammeId(events::new_event_id()),
                                    "Cohort",
                                    1});
      EXPECT_TRUE(app::request_enrolment(uow, person, cohort, admin(), id, clock_now()).ok());
      return id;
    });
  }

  // One transition through the write path, as the route runs it: the answer's status, and the
  // enrolment's version when it succeeded.
  std::pair<int, std::int64_t> transition(const EnrolmentId& id, bool approve,
                                          const Withdrawal& withdrawal) {
    http::Request request;
    request.method = http::Method::Post;
    request.path = "/v1/enrolments/" + id.str() + (approve ? "/approve" : "/withdraw");
    request.target = request.path;
    std::int64_t version = 0;
    try {
      const auto response = path_.run(request, principal_, [&](writepath::UnitOfWork& uow) {
        auto result = approve ? app::approve_enrolment(uow, id, admin(), clock_now)
                              : app::withdraw_enrolment(uow, id, withdrawal, admin(), clock_now);
        if (!result.ok()) throw http::Problem::conflict(result.error().message);
        version = result.value().version;
        return writepath::WriteResult{200, boost::json::object{}, ""};
      });
      return {response.status, version};
    } catch (const http::Problem& problem) {
      return {problem.status(), 0};
    }
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

  struct Audited {
    std::int64_t before, after;
    std::string action;
    std::optional<std::string> reason;
  };
  std::vector<Audited> audited(const EnrolmentId& id) {
    return pool_.transact([&](pqxx::work& tx) {
      std::vector<Audited> out;
      for (const auto& r :
           tx.exec_params("SELECT version_before, version_after, action, reason FROM audit_log "
                          "WHERE entity_type = 'enrolment' AND entity_id = $1 ORDER BY version_after",
                          id.str())) {
        out.push_back(
            {r[0].as<std::int64_t>(), r[1].as<std::int64_t>(), r[2].as<std::string>(),
             r[3].is_null() ? std::nullopt : std::optional<std::string>(r[3].as<std::string>())});
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
  writepath::WritePath path_;
  auth::Principal principal_{"admin-1", "ostergotland", {auth::Role::FederationAdmin}, {}};
  writepath::Actor setup_actor_{"setup", {"federation_admin"}, "ostergotland", "setup", ""};
};

TEST_F(Transitions, ConcurrentApprovalsAndWithdrawalsSucceedOncePerVersion) {
  const Withdrawal withdrawal{day_of(clock_now()) + std::chrono::days(5), "left the post"};
  for (int round = 0; round < 5; ++round) {
    const auto id = pending_enrolment();
    std::latch start(kRacers);
    std::vector<std::pair<int, std::int64_t>> results(kRacers);
    std::vector<std::thread> racers;
    for (int i = 0; i < kRacers; ++i) {
      racers.emplace_back([&, i] {
        start.arrive_and_wait();  // all begin together, to make the race as tight as possible
        results[i] = transition(id, i % 2 == 0, withdrawal);
      });
    }
    for (auto& t : racers) t.join();

    // The winners: at most one approval (from version 1) and exactly one withdrawal; every loser
    // was refused by a rule of the state it found (409), never by an error.
    std::map<std::int64_t, int> winners_per_version;
    int approvals = 0, withdrawals = 0;
    for (int i = 0; i < kRacers; ++i) {
      const auto [status, version] = results[i];
      if (status == 200) {
        ++winners_per_version[version];
        (i % 2 == 0 ? approvals : withdrawals) += 1;
      } else {
        EXPECT_EQ(status, 409);
      }
    }
    for (const auto& [version, winners] : winners_per_version) {
      EXPECT_EQ(winners, 1) << "two transitions succeeded to version " << version;
    }
    EXPECT_LE(approvals, 1);
    EXPECT_EQ(withdrawals, 1);  // a withdrawal is possible from pending and from approved

    // One enrolment.changed per transition, versions 2, 3, ... without gaps; the row is at the
    // last one, in the state that event describes.
    std::vector<Emitted> changed;
    int approved_events = 0;
    for (const auto& e : emitted(id)) {
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

    // One audit entry per transition, chained version to version; only the withdrawal has a
    // reason.
    const auto entries = audited(id);
    ASSERT_EQ(entries.size(), changed.size());
    for (std::size_t k = 0; k < entries.size(); ++k) {
      EXPECT_EQ(entries[k].before, static_cast<std::int64_t>(k) + 1);
      EXPECT_EQ(entries[k].after, static_cast<std::int64_t>(k) + 2);
    }
    EXPECT_EQ(entries.back().action, "enrolment.withdrawn");
    EXPECT_EQ(entries.back().reason, withdrawal.reason);
    if (approvals == 1) {
      EXPECT_EQ(entries.front().action, "enrolment.approved");
      EXPECT_FALSE(entries.front().reason);
    }
  }
}

TEST_F(Transitions, AStaleDecisionIsNotStoredEvenWithoutTheLock) {
  // Two decisions made from the same snapshot (version 1), as two requests that skipped the row
  // lock would make them: the first is stored, the second finds the version moved and is refused.
  const auto id = pending_enrolment();
  const auto snapshot = stored(id);
  const auto cohort = pool_.transact(
      [&](pqxx::work& tx) { return *repo::find_cohort(tx, snapshot.federation, snapshot.cohort); });
  const auto approve = decide_approve(snapshot, admin(), clock_now());
  const auto withdraw =
      decide_withdraw(snapshot, cohort, {day_of(clock_now()), "left"}, admin(), clock_now());
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
