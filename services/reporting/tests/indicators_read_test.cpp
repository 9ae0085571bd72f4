// The indicators from events: entry facts merged by version, start dates from the enrolment, the
// frozen facts or the first attended session, organisation types, and another federation's
// programme unknown.
#include <gtest/gtest.h>

#include "../repo/indicators.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

using boost::json::object;

const std::string kFed = "fed-indicators";

class IndicatorRead : public ::testing::Test {
 protected:
  std::string programme = uuid(kProgramme, 9), cohort = uuid(kCohort, 9);

  void feed(const std::string& type, object data, const std::string& fed = kFed) {
    data["federation_id"] = fed;
    model.apply({model.event(type, std::move(data))});
  }
  void world() {
    feed("se.samverkan.modules.cohort.created.v1", {{"cohort_id", cohort},
                                                    {"programme_id", programme},
                                                    {"name", "Omgång 2026"},
                                                    {"starts_on", "2026-01-01"},
                                                    {"ends_on", "2026-12-31"}});
    for (int o = 1; o <= 2; ++o) {
      feed("se.samverkan.enrolment.organisation.registered.v1",
           {{"organisation_id", uuid(kOrganisation, 90 + o)},
            {"name", o == 1 ? "Motala kommun" : "Region Östergötland"},
            {"org_number", "212000-000" + std::to_string(o)},
            {"type", o == 1 ? "municipality" : "region"}});
    }
  }
  std::string participant(int n) const { return uuid(kParticipant, 90 + n); }
  std::string organisation_of(int n) const { return uuid(kOrganisation, n <= 2 ? 91 : 92); }
  void enrolled(int n, const char* started_on) {
    feed("se.samverkan.enrolment.enrolment.changed.v1",
         {{"enrolment_id", uuid(kEnrolment, 90 + n)},
          {"participant_id", participant(n)},
          {"organisation_id", organisation_of(n)},
          {"cohort_id", cohort},
          {"status", "approved"},
          {"stage", nullptr},
          {"requested_at", "2026-01-10T10:00:00Z"},
          {"approved_at", "2026-01-11T10:00:00Z"},
          {"left_on", nullptr},
          {"started_on", started_on ? boost::json::value(started_on) : boost::json::value(nullptr)},
          {"version", 2},
          {"changed_at", "2026-01-11T10:00:00Z"}});
  }
  static object fact(const char* value, const char* source = "self_declared") {
    return {{"state", "answered"}, {"value", value}, {"source", source}};
  }
  void facts(int n, const char* gender, int birth_year, const char* employment, int version,
             const char* frozen_on = nullptr) {
    feed("se.samverkan.enrolment.entry_facts.recorded.v1",
         {{"participant_id", participant(n)},
          {"organisation_id", organisation_of(n)},
          {"version", version},
          {"frozen_on", frozen_on ? boost::json::value(frozen_on) : boost::json::value(nullptr)},
          {"facts",
           object{{"gender", fact(gender)},
                  {"birth_year",
                   object{{"state", "answered"}, {"value", birth_year}, {"source", "estimate"}}},
                  {"employment_status", fact(employment, "target_group")},
                  {"education_level",
                   object{{"state", "declined"}, {"value", nullptr}, {"source", nullptr}}}}}});
  }
  Indicators read(const IndicatorQuery& query = {}) {
    auto people = model.pool().transact(
        [&](pqxx::work& tx) { return repo::read_indicator_people(tx, kFed, programme); });
    EXPECT_TRUE(people.has_value());
    return compute_indicators(*people, query);
  }

  ReadModel model;
};

TEST_F(IndicatorRead, FactsMergeByVersionAndStartDatesComeFromTheirBestSource) {
  world();
  enrolled(1, "2026-03-01");
  enrolled(2, nullptr);  // started by its frozen facts
  enrolled(3, nullptr);  // started by its first attended session
  enrolled(4, nullptr);  // not started
  facts(1, "woman", 1980, "unemployed", 2);
  facts(1, "man", 1990, "employed", 1);  // an older version arriving late
  facts(2, "man", 1960, "long_term_unemployed", 1, "2026-05-02");
  feed("se.samverkan.modules.session.scheduled.v1", {{"session_id", uuid(kSession, 91)},
                                                     {"cohort_id", cohort},
                                                     {"module_id", nullptr},
                                                     {"kind", "conference"},
                                                     {"title", "Start"},
                                                     {"starts_at", "2026-03-03T08:00:00Z"},
                                                     {"ends_at", "2026-03-03T16:00:00Z"},
                                                     {"time_zone", "Europe/Stockholm"},
                                                     {"delivery", "on_site"},
                                                     {"location", nullptr},
                                                     {"version", 1}});
  feed("se.samverkan.attendance.attendance.recorded.v1", {{"record_id", uuid(kRecord, 93)},
                                                          {"session_id", uuid(kSession, 91)},
                                                          {"participant_id", participant(3)},
                                                          {"cohort_id", cohort},
                                                          {"module_id", nullptr},
                                                          {"status", "present"},
                                                          {"minutes", 480},
                                                          {"revision", 1},
                                                          {"version", 1},
                                                          {"recorded_at", "2026-03-03T17:00:00Z"}});

  const auto all = read();
  EXPECT_EQ(all.participants, 3);
  EXPECT_EQ(all.not_started, 1);
  EXPECT_EQ(all.complete, 0);  // education was declined by both with facts
  ASSERT_EQ(all.incomplete.size(), 3u);
  EXPECT_EQ(all.public_bodies_total, 2);
  EXPECT_EQ(all.public_bodies[0].organisation_type, "municipality");

  // With education answered, the facts count: version 3 of participant 1's facts.
  feed("se.samverkan.enrolment.entry_facts.recorded.v1",
       {{"participant_id", participant(1)},
        {"organisation_id", organisation_of(1)},
        {"version", 3},
        {"frozen_on", "2026-03-01"},
        {"facts",
         object{{"gender", fact("woman")},
                {"birth_year",
                 object{{"state", "answered"}, {"value", 1980}, {"source", "self_declared"}}},
                {"employment_status", fact("unemployed", "target_group")},
                {"education_level", fact("isced_5_8", "estimate")}}}});
  const auto now = read({"2026-03-01", "2026-03-31"});
  EXPECT_EQ(now.participants, 2);  // participants 1 and 3 started in March
  EXPECT_EQ(now.complete, 1);
  const auto& woman = now.rows[0];
  EXPECT_EQ(woman.total.count, 1);
  EXPECT_EQ(woman.employment[0].count, 1);
  EXPECT_EQ(woman.age[2].count, 1);  // 46 at a 2026 start
  EXPECT_EQ(woman.employment[0].fact_sources.target_group, 1);
}

TEST_F(IndicatorRead, AnotherFederationsProgrammeIsUnknown) {
  world();
  const auto other = model.pool().transact(
      [&](pqxx::work& tx) { return repo::read_indicator_people(tx, "fed-other", programme); });
  EXPECT_FALSE(other.has_value());
}

}  // namespace
}  // namespace samverkan::reporting::test
