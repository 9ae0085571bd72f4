// The programme and cohort replicas' reads of the modules events: every branch of the policy
// (stated, absent, without a percent) and of the version, on data that passes the schemas.
#include "../domain/programme_policy.hpp"

#include <gtest/gtest.h>

#include <samverkan/events/schema_registry.hpp>

namespace samverkan::attendance {
namespace {

const events::SchemaRegistry& registry() {
  static const events::SchemaRegistry loaded(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) /
                                             "events");
  return loaded;
}

const char* kProgrammeChanged = "se.samverkan.modules.programme.changed.v1";
const char* kProgrammeCreated = "se.samverkan.modules.programme.created.v1";

boost::json::object programme(std::int64_t version) {
  return {{"federation_id", "ostergotland"},
          {"programme_id", "3e9b7fc0-b06d-4cab-af4d-5c8a9badbe01"},
          {"title", "Ledarskap"},
          {"funder", nullptr},
          {"min_electives", 0},
          {"max_electives", nullptr},
          {"start_on_approval", false},
          {"completion_rule", nullptr},
          {"version", version},
          {"changed_at", "2026-03-01T09:00:00.000Z"}};
}

TEST(ProgrammePolicy, AStatedPercentIsTheProgrammes) {
  auto data = programme(3);
  data["attendance_policy"] = {{"present_percent", 90}};
  registry().validate(kProgrammeChanged, data, events::Strictness::Producer);
  const auto policy = programme_policy_from(data);
  EXPECT_EQ(policy.programme.str(), "3e9b7fc0-b06d-4cab-af4d-5c8a9badbe01");
  EXPECT_EQ(policy.federation.str(), "ostergotland");
  EXPECT_EQ(policy.present_percent, 90);
  EXPECT_EQ(policy.version, 3);
}

TEST(ProgrammePolicy, NoStatedPolicyIsTheDefault) {
  const auto data = programme(2);
  registry().validate(kProgrammeChanged, data, events::Strictness::Producer);
  EXPECT_EQ(programme_policy_from(data).present_percent, 75);
  // A policy object without a percent (a later version's shape) keeps the default too.
  auto other = programme(2);
  other["attendance_policy"] = boost::json::object{};
  EXPECT_EQ(programme_policy_from(other).present_percent, 75);
}

TEST(ProgrammePolicy, AnEventWithoutAVersionIsVersionOne) {
  boost::json::object created{{"federation_id", "ostergotland"},
                              {"programme_id", "3e9b7fc0-b06d-4cab-af4d-5c8a9badbe01"},
                              {"title", "Ledarskap"},
                              {"funder", nullptr},
                              {"attendance_policy", {{"present_percent", 60}}}};
  registry().validate(kProgrammeCreated, created, events::Strictness::Producer);
  const auto policy = programme_policy_from(created);
  EXPECT_EQ(policy.version, 1);
  EXPECT_EQ(policy.present_percent, 60);
}

TEST(ProgrammePolicy, ThePercentStaysWithinItsRangeBySchema) {
  for (const int percent : {0, 101}) {
    auto data = programme(2);
    data["attendance_policy"] = {{"present_percent", percent}};
    EXPECT_THROW(registry().validate(kProgrammeChanged, data, events::Strictness::Producer),
                 std::exception)
        << percent;
    // A consumer reads tolerantly; the replica still keeps a percent it can apply.
    EXPECT_EQ(programme_policy_from(data).present_percent, percent == 0 ? 1 : 100);
  }
}

TEST(CohortProgramme, LinksTheCohortToItsProgramme) {
  boost::json::object data{{"federation_id", "ostergotland"},
                           {"cohort_id", "3e9b7fc0-b06d-4cab-af4d-5c8a9badbec3"},
                           {"programme_id", "3e9b7fc0-b06d-4cab-af4d-5c8a9badbe01"},
                           {"name", "VT 2026"},
                           {"starts_on", "2026-01-12"},
                           {"ends_on", "2026-06-12"}};
  registry().validate("se.samverkan.modules.cohort.created.v1", data, events::Strictness::Producer);
  auto cohort = cohort_programme_from(data);
  EXPECT_EQ(cohort.cohort.str(), "3e9b7fc0-b06d-4cab-af4d-5c8a9badbec3");
  EXPECT_EQ(cohort.programme.str(), "3e9b7fc0-b06d-4cab-af4d-5c8a9badbe01");
  EXPECT_EQ(cohort.federation.str(), "ostergotland");
  EXPECT_EQ(cohort.version, 1);
  data["version"] = 4;
  EXPECT_EQ(cohort_programme_from(data).version, 4);
}

}  // namespace
}  // namespace samverkan::attendance
