#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <samverkan/db/migrate.hpp>
#include <samverkan/testing/infra.hpp>
#include <stdexcept>
#include <thread>

#include "scratch_schema.hpp"

namespace samverkan::db {
namespace {

using test::ScratchSchema;

const std::string& url() { return samverkan::testing::infra().database_url; }

// A directory of migration files, removed when the test ends.
class MigrationDir {
 public:
  MigrationDir()
      : path_(std::filesystem::temp_directory_path() /
              samverkan::testing::unique_name("migrations")) {
    std::filesystem::create_directories(path_);
  }
  ~MigrationDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  void write(const std::string& name, const std::string& sql) const {
    std::ofstream(path_ / name, std::ios::binary | std::ios::trunc) << sql;
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// 0002 depends on 0001, and they are written in reverse so directory order cannot help.
void write_two_migrations(const MigrationDir& dir) {
  dir.write("0002_second_run.sql", "INSERT INTO runs (n) VALUES (2);");
  dir.write("0001_create_runs.sql", "CREATE TABLE runs (n int);\nINSERT INTO runs (n) VALUES (1);");
  dir.write("README.md", "not a migration");
  dir.write("3_wrong_width.sql", "SELECT broken syntax here");
  dir.write("0003_Upper.sql", "SELECT broken syntax here");
}

std::string runs_in(const ScratchSchema& schema) {
  return "SELECT count(*) FROM " + schema.name() + ".runs";
}

TEST(Migrate, AppliesFilesInOrder) {
  ScratchSchema schema(false);
  MigrationDir dir;
  write_two_migrations(dir);
  auto result = migrate(url(), schema.name(), dir.path());
  EXPECT_EQ(result.applied,
            (std::vector<std::string>{"0001_create_runs.sql", "0002_second_run.sql"}));
  EXPECT_EQ(result.already, 0u);
  EXPECT_EQ(schema.scalar(runs_in(schema)), 2);
  EXPECT_EQ(schema.scalar("SELECT max(n) FROM " + schema.name() + ".runs"), 2);
  EXPECT_EQ(schema.scalar("SELECT count(*) FROM " + schema.name() + ".schema_migrations"), 2);
}

TEST(Migrate, SecondRunAppliesNothing) {
  ScratchSchema schema(false);
  MigrationDir dir;
  write_two_migrations(dir);
  migrate(url(), schema.name(), dir.path());
  auto again = migrate(url(), schema.name(), dir.path());
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.already, 2u);
  EXPECT_EQ(schema.scalar(runs_in(schema)), 2);
}

TEST(Migrate, AppliesOnlyNewFiles) {
  ScratchSchema schema(false);
  MigrationDir dir;
  write_two_migrations(dir);
  migrate(url(), schema.name(), dir.path());
  dir.write("0003_third_run.sql", "INSERT INTO runs (n) VALUES (3);");
  auto result = migrate(url(), schema.name(), dir.path());
  EXPECT_EQ(result.applied, std::vector<std::string>{"0003_third_run.sql"});
  EXPECT_EQ(result.already, 2u);
  EXPECT_EQ(schema.scalar(runs_in(schema)), 3);
}

TEST(Migrate, ConcurrentCallsApplyEachFileOnce) {
  ScratchSchema schema(false);
  MigrationDir dir;
  write_two_migrations(dir);
  MigrationResult results[2];
  std::exception_ptr errors[2];
  std::vector<std::thread> threads;
  threads.reserve(2);
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&, i] {
      try {
        results[i] = migrate(url(), schema.name(), dir.path());
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (auto& error : errors) ASSERT_FALSE(error) << "a concurrent migrate() threw";
  EXPECT_EQ(results[0].applied.size() + results[1].applied.size(), 2u);
  EXPECT_EQ(results[0].already + results[1].already, 2u);
  EXPECT_EQ(schema.scalar(runs_in(schema)), 2);
}

TEST(Migrate, RejectsChangedFile) {
  ScratchSchema schema(false);
  MigrationDir dir;
  write_two_migrations(dir);
  migrate(url(), schema.name(), dir.path());
  dir.write("0001_create_runs.sql", "CREATE TABLE runs (n bigint);");
  try {
    migrate(url(), schema.name(), dir.path());
    FAIL() << "a changed migration was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("0001_create_runs.sql"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("changed"), std::string::npos) << e.what();
  }
}

TEST(Migrate, FailedFileRollsBack) {
  ScratchSchema schema(false);
  MigrationDir dir;
  write_two_migrations(dir);
  dir.write("0003_broken.sql", "INSERT INTO runs (n) VALUES (3); SELECT * FROM no_such_table;");
  try {
    migrate(url(), schema.name(), dir.path());
    FAIL() << "a failing migration was reported as applied";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("0003_broken.sql"), std::string::npos) << e.what();
  }
  EXPECT_EQ(schema.scalar(runs_in(schema)), 2);
  EXPECT_EQ(schema.scalar("SELECT count(*) FROM " + schema.name() + ".schema_migrations"), 2);
}

TEST(Migrate, RecordsFilesUnderTheirDirectoryName) {
  ScratchSchema schema(false);
  MigrationDir dir;
  write_two_migrations(dir);
  migrate(url(), schema.name(), dir.path());
  const std::string key = dir.path().filename().string() + "/0001_create_runs.sql";
  EXPECT_EQ(schema.scalar("SELECT count(*) FROM " + schema.name() +
                          ".schema_migrations WHERE version = '" + key + "'"),
            1);
}

TEST(Migrate, SameFileNameInTwoDirectoriesRunsBoth) {
  ScratchSchema schema(false);
  MigrationDir common;
  MigrationDir own;
  common.write("0001_setup.sql", "CREATE TABLE runs (n int);");
  own.write("0001_setup.sql", "INSERT INTO runs (n) VALUES (7);");
  EXPECT_EQ(migrate(url(), schema.name(), common.path()).applied.size(), 1u);
  EXPECT_EQ(migrate(url(), schema.name(), own.path()).applied.size(), 1u);
  EXPECT_EQ(schema.scalar(runs_in(schema)), 1);
  EXPECT_EQ(migrate(url(), schema.name(), common.path()).already, 1u);
  EXPECT_EQ(migrate(url(), schema.name(), own.path()).already, 1u);
  EXPECT_EQ(schema.scalar(runs_in(schema)), 1);
}

// A database migrated before keys named their directory holds bare file names: it upgrades
// without running anything again, and a changed file is still refused.
TEST(Migrate, AdoptsRecordsWithBareFileNames) {
  ScratchSchema schema(false);
  MigrationDir dir;
  write_two_migrations(dir);
  migrate(url(), schema.name(), dir.path());
  schema.exec("UPDATE " + schema.name() +
              ".schema_migrations SET version = regexp_replace(version, '^.*/', '')");
  ASSERT_EQ(schema.scalar("SELECT count(*) FROM " + schema.name() +
                          ".schema_migrations WHERE version LIKE '%/%'"),
            0);

  auto again = migrate(url(), schema.name(), dir.path());
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.already, 2u);
  EXPECT_EQ(schema.scalar(runs_in(schema)), 2);
  EXPECT_EQ(schema.scalar("SELECT count(*) FROM " + schema.name() +
                          ".schema_migrations WHERE version LIKE '" +
                          dir.path().filename().string() + "/%'"),
            2);

  schema.exec("UPDATE " + schema.name() +
              ".schema_migrations SET version = regexp_replace(version, '^.*/', '')");
  dir.write("0002_second_run.sql", "INSERT INTO runs (n) VALUES (22);");
  EXPECT_THROW(migrate(url(), schema.name(), dir.path()), std::runtime_error);
  EXPECT_EQ(schema.scalar(runs_in(schema)), 2);
}

TEST(Migrate, MissingDirectoryThrows) {
  ScratchSchema schema(false);
  EXPECT_THROW(migrate(url(), schema.name(), "/nonexistent/samverkan/migrations"),
               std::runtime_error);
}

}  // namespace
}  // namespace samverkan::db
