// The repositories against the real PostgreSQL, on a schema migrated like the service's: structs
// survive the round trip, reads are scoped to the federation, a change needs the version before
// it, the table refuses a cancelled session without a reason, and the zone names load.
#include <gtest/gtest.h>

#include <filesystem>
#include <samverkan/db/migrate.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/testing/infra.hpp>

#include "../repo/catalogue_repo.hpp"
#include "../repo/sessions_repo.hpp"
#include "../repo/time_zones.hpp"

namespace samverkan::modules {
namespace {

const ids::FederationId kFed("ostergotland");
const ids::FederationId kOther("skane");

class Repo : public ::testing::Test {
 protected:
  Repo() : schema_(migrated()), pool_(samverkan::testing::infra().database_url, schema_, 2) {}
  ~Repo() override {
    try {
      pqxx::connection conn(samverkan::testing::infra().database_url);
      pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // A leftover schema in the throwaway database is harmless.
    }
  }

  static std::string migrated() {
    const auto name = samverkan::testing::unique_name("modules_repo");
    const std::filesystem::path sql = std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql";
    db::migrate(samverkan::testing::infra().database_url, name, sql / "common");
    db::migrate(samverkan::testing::infra().database_url, name, sql / "modules");
    return name;
  }

  // A programme, a cohort and a module, stored; returns the cohort.
  Cohort catalogue() {
    Programme p{ids::ProgrammeId("0b7e3f52-8d5c-4c1a-a1f5-3b2d9e6c7a10"),
                kFed,
                "Digital kompetens",
                "Om",
                std::nullopt,
                1767225600,
                1};
    Cohort c{ids::CohortId("5e4d3c2b-1a09-4f8e-b7d6-c5b4a3928170"),
             kFed,
             p.id,
             "2026",
             "2026-03-01",
             "2026-12-31",
             1};
    Module m{ids::ModuleId("3c9e1a7b-5d2f-4b8e-9a6c-1e0f2d3b4a51"),
             kFed,
             p.id,
             "PS1",
             "Power Skills 1",
             true,
             12,
             1};
    pool_.transact([&](pqxx::work& tx) {
      repo::insert_programme(tx, p);
      repo::insert_cohort(tx, c);
      repo::insert_module(tx, m);
    });
    return c;
  }

  Session session(const Cohort& c) {
    Session s;
    s.id = ids::SessionId("9a0d2c4e-6b1f-4e3a-8c5d-7f2e1b0a9c83");
    s.federation = kFed;
    s.cohort = c.id;
    s.kind = "conference";
    s.title = "Kick-off";
    s.starts_at = 1772438400;  // 2026-03-02T08:00:00Z
    s.ends_at = 1772463600;    // 2026-03-02T15:00:00Z
    s.time_zone = "Europe/Stockholm";
    s.delivery = "on_site";
    s.location = "Norrköping";
    return s;
  }

  std::string schema_;
  db::Pool pool_;
};

TEST_F(Repo, CatalogueRoundTripsAndIsScopedToTheFederation) {
  const auto c = catalogue();
  pool_.transact([&](pqxx::work& tx) {
    const auto p = repo::find_programme(tx, kFed, c.programme);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->title, "Digital kompetens");
    EXPECT_EQ(p->description, "Om");
    EXPECT_FALSE(p->funder);
    EXPECT_EQ(p->created_at, 1767225600);
    EXPECT_EQ(p->version, 1);
    const auto found = repo::find_cohort(tx, kFed, c.id);
    ASSERT_TRUE(found);
    EXPECT_EQ((std::tuple{found->programme, found->starts_on, found->ends_on}),
              (std::tuple{c.programme, std::string("2026-03-01"), std::string("2026-12-31")}));
    const auto m =
        repo::find_module(tx, kFed, ids::ModuleId("3c9e1a7b-5d2f-4b8e-9a6c-1e0f2d3b4a51"));
    ASSERT_TRUE(m);
    EXPECT_EQ((std::tuple{m->code, m->mandatory, m->planned_hours}),
              (std::tuple{std::string("PS1"), true, 12L}));

    EXPECT_FALSE(repo::find_programme(tx, kOther, c.programme));
    EXPECT_FALSE(repo::find_cohort(tx, kOther, c.id));
    EXPECT_TRUE(repo::list_programmes(tx, kOther, {}).empty());
    EXPECT_EQ(repo::list_modules(tx, kFed, c.programme, {}).size(), 1U);
    EXPECT_EQ(repo::list_cohorts(tx, kFed, c.programme, {}).size(), 1U);
  });
}

TEST_F(Repo, ProgrammesPageByIdWithAndWithoutCursor) {
  pool_.transact([&](pqxx::work& tx) {
    for (const char* id :
         {"00000000-0000-4000-8000-000000000003", "00000000-0000-4000-8000-000000000001",
          "00000000-0000-4000-8000-000000000002"}) {
      repo::insert_programme(tx,
                             {ids::ProgrammeId(id), kFed, "P", std::nullopt, "ESF", 1767225600, 1});
    }
    const auto first = repo::list_programmes(tx, kFed, {2, ""});
    ASSERT_EQ(first.size(), 2U);
    EXPECT_EQ(first[0].id.str(), "00000000-0000-4000-8000-000000000001");
    const auto rest = repo::list_programmes(tx, kFed, {2, first[1].id.str()});
    ASSERT_EQ(rest.size(), 1U);
    EXPECT_EQ(rest[0].id.str(), "00000000-0000-4000-8000-000000000003");
    EXPECT_EQ(rest[0].funder, "ESF");
  });
}

TEST_F(Repo, SessionRoundTripsWithLocalTimes) {
  const auto c = catalogue();
  const auto s = session(c);
  const auto inserted = pool_.transact([&](pqxx::work& tx) { return repo::insert_session(tx, s); });
  EXPECT_EQ((std::tuple{inserted.local_start, inserted.local_end}),
            (std::tuple{std::string("2026-03-02T09:00"), std::string("2026-03-02T16:00")}));
  pool_.transact([&](pqxx::work& tx) {
    const auto read = repo::find_session(tx, kFed, s.id);
    ASSERT_TRUE(read);
    const Session& r = read->session;
    EXPECT_EQ(
        (std::tuple{r.cohort, r.kind, r.starts_at, r.ends_at, r.location, r.status, r.version}),
        (std::tuple{s.cohort, s.kind, s.starts_at, s.ends_at, s.location, SessionStatus::Scheduled,
                    1L}));
    EXPECT_FALSE(r.module);
    EXPECT_FALSE(r.cancellation_reason);
    EXPECT_TRUE(r.trainer_subjects.empty());
    EXPECT_TRUE(r.trainer_names.empty());
    EXPECT_FALSE(repo::find_session(tx, kOther, s.id));
    EXPECT_TRUE(repo::session_in_cohort(tx, kFed, c.id, s.id));
    EXPECT_FALSE(repo::session_in_cohort(tx, kOther, c.id, s.id));
    EXPECT_EQ(repo::list_sessions(tx, kFed, c.id, {}).size(), 1U);
  });
}

TEST_F(Repo, AChangeNeedsTheVersionBeforeIt) {
  const auto c = catalogue();
  auto s = session(c);
  pool_.transact([&](pqxx::work& tx) { repo::insert_session(tx, s); });
  s.version = 3;  // skips 2: the stored row is not version 2
  EXPECT_THROW(pool_.transact([&](pqxx::work& tx) { repo::update_session(tx, s); }),
               std::logic_error);
  s.version = 2;
  s.status = SessionStatus::Cancelled;
  s.cancellation_reason = "the hall is closed";
  s.trainer_subjects = {"trainer-1", "trainer \"two\""};
  s.trainer_names = {{"trainer \"two\"", "Åsa \"Ek\""}};
  const auto row = pool_.transact([&](pqxx::work& tx) {
    EXPECT_TRUE(repo::lock_session(tx, kFed, s.id));
    return repo::update_session(tx, s);
  });
  EXPECT_EQ(
      (std::tuple{row.session.status, row.session.version, row.session.cancellation_reason}),
      (std::tuple{SessionStatus::Cancelled, 2L, std::optional<std::string>("the hall is closed")}));
  const auto read =
      pool_.transact([&](pqxx::work& tx) { return repo::find_session(tx, kFed, s.id); });
  ASSERT_TRUE(read);
  EXPECT_EQ(read->session.trainer_subjects, s.trainer_subjects);
  EXPECT_EQ(read->session.trainer_names, s.trainer_names);
}

TEST_F(Repo, TheTableRefusesACancellationWithoutAReason) {
  const auto c = catalogue();
  auto s = session(c);
  pool_.transact([&](pqxx::work& tx) { repo::insert_session(tx, s); });
  s.version = 2;
  s.status = SessionStatus::Cancelled;
  EXPECT_THROW(pool_.transact([&](pqxx::work& tx) { repo::update_session(tx, s); }),
               pqxx::check_violation);
}

TEST_F(Repo, TimeZoneNamesLoadOnceFromTheDatabase) {
  repo::TimeZones zones;
  const TimeZoneNames* first = nullptr;
  pool_.transact([&](pqxx::work& tx) { first = &zones.names(tx); });
  EXPECT_TRUE(first->count("Europe/Stockholm"));
  EXPECT_FALSE(first->count("Mars/Olympus_Mons"));
  pool_.transact([&](pqxx::work& tx) { EXPECT_EQ(&zones.names(tx), first); });
}

}  // namespace
}  // namespace samverkan::modules
