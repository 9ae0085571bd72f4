// The cohort replica against the real PostgreSQL: cohort.created applied by version, whatever the
// order, and an event without a version counts as version 1.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <samverkan/db/migrate.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/testing/infra.hpp>

#include "../consumers/cohort_event.hpp"

namespace samverkan::enrolment {
namespace {

const char* kCohort = "2c1d0e3f-5a6b-4c7d-8e9f-0a1b2c3d4e77";

boost::json::object created(const std::string& name, const std::string& ends_on,
                            std::optional<std::int64_t> version) {
  auto data = boost::json::parse(R"({"federation_id": "ostergotland", "cohort_id": ")" +
                                 std::string(kCohort) +
                                 R"(", "programme_id": "2c1d0e3f-5a6b-4c7d-8e9f-0a1b2c3d4e00",
                                     "starts_on": "2027-03-01"})")
                  .as_object();
  data["name"] = name;
  data["ends_on"] = ends_on;
  if (version) data["version"] = *version;
  return data;
}

class CohortReplica : public ::testing::Test {
 protected:
  CohortReplica()
      : schema_(testing::unique_name("enrolment_cohorts")), pool_(migrated(), schema_, 2) {}
  ~CohortReplica() override {
    try {
      pqxx::connection conn(testing::infra().database_url);
      pqxx::nontransaction(conn).exec("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
    } catch (const std::exception&) {
      // A leftover schema in the throwaway database is harmless.
    }
  }
  std::string migrated() const {
    const auto& url = testing::infra().database_url;
    const std::filesystem::path sql = std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "sql";
    db::migrate(url, schema_, sql / "common");
    db::migrate(url, schema_, sql / "enrolment");
    return url;
  }
  bool apply(const boost::json::object& data) {
    return pool_.transact(
        [&](pqxx::work& tx) { return repo::store_cohort(tx, cohort_row_from(data)); });
  }
  std::pair<std::string, std::int64_t> stored() {
    return pool_.transact([&](pqxx::work& tx) {
      const auto row = tx.exec_params1(
          "SELECT to_char(ends_on, 'YYYY-MM-DD'), version FROM cohorts WHERE id = $1", kCohort);
      return std::make_pair(row[0].as<std::string>(), row[1].as<std::int64_t>());
    });
  }
  std::string schema_;
  db::Pool pool_;
};

TEST_F(CohortReplica, AnEventWithoutVersionCountsAsOne) {
  EXPECT_TRUE(apply(created("Vår 2027", "2027-06-30", std::nullopt)));
  EXPECT_EQ(stored(), std::make_pair(std::string("2027-06-30"), std::int64_t{1}));
  EXPECT_FALSE(apply(created("Vår 2027", "2027-06-15", 1)));  // the same version again: ignored
  EXPECT_EQ(stored().first, "2027-06-30");
}

TEST_F(CohortReplica, OnlyANewerVersionReplacesTheRow) {
  EXPECT_TRUE(apply(created("Vår 2027", "2027-06-30", 3)));
  EXPECT_FALSE(apply(created("Vår 2027", "2027-05-31", 2)));  // older, arriving late
  EXPECT_EQ(stored(), std::make_pair(std::string("2027-06-30"), std::int64_t{3}));
  const auto cohort = pool_.transact([&](pqxx::work& tx) {
    return repo::find_cohort(tx, FederationId("ostergotland"), CohortId(kCohort));
  });
  ASSERT_TRUE(cohort);
  EXPECT_EQ(format_date(cohort->ends_on), "2027-06-30");
  EXPECT_FALSE(pool_.transact([&](pqxx::work& tx) {
    return repo::find_cohort(tx, FederationId("skane"), CohortId(kCohort)).has_value();
  }));  // another federation does not see it
}

TEST_F(CohortReplica, ADayThatDoesNotExistIsRefused) {
  EXPECT_THROW(cohort_row_from(created("Vår 2027", "2027-02-30", 1)), std::invalid_argument);
}

}  // namespace
}  // namespace samverkan::enrolment
