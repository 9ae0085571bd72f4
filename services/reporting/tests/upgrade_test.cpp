// Upgrading a read model filled before totals existed: migration 0002 keeps the rows (attendance
// gets its revision as version) and asks for a rebuild, which fills the totals from them.
#include <gtest/gtest.h>

#include <filesystem>
#include <pqxx/pqxx>
#include <samverkan/db/migrate.hpp>
#include <samverkan/testing/infra.hpp>

#include "../repo/rebuild.hpp"
#include "../repo/reports.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

namespace fs = std::filesystem;
const fs::path kSql = fs::path(SAMVERKAN_SCHEMAS_DIR) / "sql";

TEST(Upgrade, RowsStoredBeforeTotalsAreCountedAfterTheMigrationsRebuild) {
  const auto& url = samverkan::testing::infra().database_url;
  const auto schema = samverkan::testing::unique_name("reporting_upgrade");
  // Named like the real folder: migrations are recorded as <folder>/<file>, so the later run over
  // schemas/sql/reporting sees 0001 as applied, as an upgraded database would.
  const auto first_only = fs::temp_directory_path() / schema / "reporting";
  fs::create_directories(first_only);
  fs::copy_file(kSql / "reporting" / "0001_read_model.sql", first_only / "0001_read_model.sql");
  db::migrate(url, schema, kSql / "common");
  db::migrate(url, schema, first_only);
  const std::string fed = "fed-upgrade", cohort = uuid(kCohort, 9), org = uuid(kOrganisation, 9),
                    person = uuid(kParticipant, 9), session = uuid(kSession, 9);
  {
    pqxx::connection conn(url);
    pqxx::work tx(conn);
    tx.exec("SET LOCAL search_path TO " + schema);
    // What the previous version's handlers wrote.
    tx.exec_params("INSERT INTO participants VALUES ($1, $2, $3, 'woman', 1980)", person, fed, org);
    tx.exec_params(
        "INSERT INTO sessions VALUES ($1, $2, $3, NULL, 'conference', '2026-03-10T09:00:00Z', "
        "'2026-03-10T12:00:00Z')",
        session, fed, cohort);
    tx.exec_params("INSERT INTO enrolments VALUES ($1, $2, $3, $4, $5, 'approved')",
                   uuid(kEnrolment, 9), fed, person, org, cohort);
    tx.exec_params("INSERT INTO attendance VALUES ($1, $2, $3, $4, $5, NULL, 'late', 45, 2, $6)",
                   uuid(kRecord, 9), fed, session, person, cohort, uuid(kEventId, 9));
    tx.commit();
  }
  db::migrate(url, schema, kSql / "reporting");
  {
    db::Pool pool(url, schema, 2);
    EXPECT_TRUE(repo::rebuild_if_pending(pool));
    const auto summary = pool.transact(
        [&](pqxx::work& tx) { return repo::read_summary(tx, fed, cohort, std::nullopt); });
    ASSERT_TRUE(summary.has_value());
    EXPECT_EQ(summary->sessions.scheduled, 1);
    EXPECT_EQ(summary->enrolments.enrolled, 1);
    EXPECT_EQ(summary->attendance, tally_of("late", 1, 45));
    const auto version = pool.transact([&](pqxx::work& tx) {
      return tx.exec1("SELECT version FROM attendance")[0].as<std::int64_t>();
    });
    EXPECT_EQ(version, 2);  // the revision
  }
  pqxx::connection conn(url);
  pqxx::nontransaction tx(conn);
  tx.exec("DROP SCHEMA " + schema + " CASCADE");
  fs::remove_all(first_only.parent_path());
}

}  // namespace
}  // namespace samverkan::reporting::test
