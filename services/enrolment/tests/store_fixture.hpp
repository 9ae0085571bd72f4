#pragma once
// A migrated enrolment schema of its own in the real PostgreSQL, with the write path the routes
// use, plus readers of what a change left behind (outbox events, audit entries, the row).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <samverkan/db/migrate.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/testing/infra.hpp>
#include <samverkan/writepath/write_path.hpp>

#include "../app/commands.hpp"
#include "../repo/repo.hpp"

namespace samverkan::enrolment::test {

inline Timestamp clock_now() {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

inline Actor store_admin() {
  return {"admin-1", FederationId("ostergotland"), {auth::Role::FederationAdmin}, {}};
}

class StoreFixture : public ::testing::Test {
 protected:
  explicit StoreFixture(int connections)
      : schema_(testing::unique_name("enrolment_store")),
        pool_(migrated(schema_), schema_, connections),
        registry_(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events"),
        outbox_(registry_, "/samverkan/enrolment"),
        path_(pool_, outbox_, "enrolment") {}

  ~StoreFixture() override {
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

  // A pending enrolment (version 1) alone in a cohort of its own.
  EnrolmentId pending_enrolment() { return enrol(running_cohort()); }

  // A participant of the fixture's organisation enrolled (pending) in `cohort`.
  EnrolmentId enrol(const CohortId& cohort) {
    const bool first = !org_;
    if (first) org_ = OrganisationId(events::new_event_id());
    const ParticipantId person(events::new_event_id());
    const EnrolmentId id(events::new_event_id());
    return setup([&](writepath::UnitOfWork& uow) {
      if (first) {
        const NewOrganisation o{"Kommun", "212000-0449", "municipality"};
        EXPECT_TRUE(app::register_organisation(uow, o, store_admin(), *org_).ok());
      }
      const NewParticipant p{*org_, "Astrid", person.str() + "@example.se", "woman", 1980, ""};
      EXPECT_TRUE(app::register_participant(uow, p, store_admin(), person).ok());
      EXPECT_TRUE(app::request_enrolment(uow, person, cohort, store_admin(), id, clock_now()).ok());
      return id;
    });
  }

  // A cohort running from 10 days ago to 100 days ahead, in the replica.
  CohortId running_cohort() {
    const CohortId cohort(events::new_event_id());
    const Date today = day_of(clock_now());
    pool_.transact([&](pqxx::work& tx) {
      repo::store_cohort(tx, {{cohort, store_admin().federation, today - std::chrono::days(10),
                               today + std::chrono::days(100)},
                              ids::ProgrammeId(events::new_event_id()),
                              "Cohort",
                              1});
    });
    return cohort;
  }

  // Runs `work` through the write path as a route does: the answer's status, or the problem's.
  int through_write_path(const std::string& path,
                         const std::function<void(writepath::UnitOfWork&)>& work) {
    http::Request request;
    request.method = http::Method::Post;
    request.path = path;
    request.target = path;
    try {
      return path_
          .run(request, principal_,
               [&](writepath::UnitOfWork& uow) {
                 work(uow);
                 return writepath::WriteResult{200, boost::json::object{}, ""};
               })
          .status;
    } catch (const http::Problem& problem) {
      return problem.status();
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
      for (const auto& r : tx.exec_params(
               "SELECT version_before, version_after, action, reason FROM audit_log "
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

}  // namespace samverkan::enrolment::test
