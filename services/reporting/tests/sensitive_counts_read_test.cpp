// enrolment.sensitive_counts.changed into reporting's table against the real PostgreSQL: merged by
// version per cohort (a replayed older event changes nothing), read per programme and federation.
#include <gtest/gtest.h>

#include "../repo/sensitive_counts.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

boost::json::object counts_event(const std::string& fed, const std::string& cohort,
                                 const std::string& programme, std::int64_t version,
                                 std::int64_t yes) {
  const boost::json::object category{{"yes", yes}, {"no", 1}, {"declined", 0}, {"not_asked", 2}};
  return {{"federation_id", fed},
          {"cohort_id", cohort},
          {"programme_id", programme},
          {"counts",
           {{"disability", category}, {"foreign_background", category}, {"minority", category}}},
          {"version", version},
          {"changed_at", "2026-03-01T10:00:00Z"}};
}

TEST(SensitiveCountsRead, MergedByVersionPerCohortAndReadPerProgramme) {
  ReadModel model;
  const auto programme = uuid(kProgramme, 70);
  const auto a = uuid(kCohort, 71), b = uuid(kCohort, 72);
  const auto apply = [&](const boost::json::object& data) {
    // Validated against the schema as the producer's event is.
    const auto e = model.event("se.samverkan.enrolment.sensitive_counts.changed.v1", data);
    model.pool().transact([&](pqxx::work& tx) { repo::apply_sensitive_counts(tx, e.data); });
  };
  apply(counts_event("fed-s", a, programme, 2, 5));
  apply(counts_event("fed-s", a, programme, 1, 9));  // older: ignored
  apply(counts_event("fed-s", b, programme, 1, 3));
  apply(counts_event("fed-other", uuid(kCohort, 73), programme, 1, 100));
  const auto read = model.pool().transact(
      [&](pqxx::work& tx) { return repo::read_sensitive_counts(tx, "fed-s", programme); });
  ASSERT_EQ(read.size(), 2u);
  const auto total = sum_sensitive_counts(read);
  EXPECT_EQ((*total)[0][0], 8);  // 5 + 3, the other federation's cohort left out
  EXPECT_EQ((*total)[1][3], 4);
  EXPECT_TRUE(model.pool()
                  .transact([&](pqxx::work& tx) {
                    return repo::read_sensitive_counts(tx, "fed-s", uuid(kProgramme, 79));
                  })
                  .empty());
}

}  // namespace
}  // namespace samverkan::reporting::test
