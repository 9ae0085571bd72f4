// Each event the service emits passes its own schema as a producer (strictly), carries the
// aggregate's version, and every type has a schema (the startup check).
#include <gtest/gtest.h>

#include <filesystem>
#include <samverkan/events/schema_registry.hpp>

#include "../domain/catalogue.hpp"
#include "../domain/session.hpp"

namespace samverkan::modules {
namespace {

const Actor kAdmin{ids::FederationId("ostergotland"), "admin-1"};
const Context kContext{"2f8e6d4c-0b1a-4c9e-8d7f-6e5d4c3b2a19", 1767225600};

const events::SchemaRegistry& registry() {
  static const events::SchemaRegistry r(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  return r;
}

template <class E>
void expect_valid(const E& event) {
  SCOPED_TRACE(std::string(E::kType));
  EXPECT_NO_THROW(
      registry().validate(std::string(E::kType), event.data(), events::Strictness::Producer));
  EXPECT_EQ(registry().topic_for(std::string(E::kType)), "samverkan.modules");
  EXPECT_EQ(event.data().at("federation_id").as_string(), "ostergotland");
}

Programme programme() {
  return create_programme({"Digital kompetens", std::nullopt, std::nullopt}, kAdmin, kContext)
      .state;
}

Cohort cohort() {
  return create_cohort(programme(), {"2026", "2026-03-01", "2026-12-31"}, kAdmin, kContext)
      .value()
      .state;
}

Session conference() {
  NewSession s{std::nullopt,
               "conference",
               "Kick-off",
               "2026-03-02T09:00:00+01:00",
               "2026-03-02T16:00:00+01:00",
               "Europe/Stockholm",
               "on_site",
               "Norrköping"};
  return schedule_session(cohort(), std::nullopt, s, {"Europe/Stockholm"}, kAdmin, kContext)
      .value()
      .state;
}

TEST(Events, EveryEmittedTypeHasASchema) { EXPECT_NO_THROW(require_event_schemas(registry())); }

TEST(Events, ProgrammeCreatedPassesItsSchema) {
  const auto d = create_programme({"Digital kompetens", "Om programmet", "ESF"}, kAdmin, kContext);
  expect_valid(*d.event);
  EXPECT_EQ(d.event->data().at("version").as_int64(), 1);
  EXPECT_FALSE(d.event->data().contains("description"));  // not part of the contract
  // A programme without funder sends an explicit null.
  EXPECT_TRUE(create_programme({"T", std::nullopt, std::nullopt}, kAdmin, kContext)
                  .event->data()
                  .at("funder")
                  .is_null());
}

TEST(Events, CohortCreatedPassesItsSchema) {
  const auto d = create_cohort(programme(), {"2026", "2026-03-01", "2026-12-31"}, kAdmin, kContext);
  expect_valid(*d.value().event);
  EXPECT_EQ(d.value().event->data().at("version").as_int64(), 1);
}

TEST(Events, ModuleCreatedPassesItsSchema) {
  const auto d = create_module(programme(), {"PS1", "Power Skills 1", true, 12}, kAdmin, kContext);
  expect_valid(*d.value().event);
  EXPECT_EQ(d.value().event->data().at("planned_hours").as_int64(), 12);
  EXPECT_EQ(d.value().event->data().at("version").as_int64(), 1);
}

TEST(Events, SessionScheduledPassesItsSchemaWithUtcTimes) {
  const SessionScheduled event{conference()};
  expect_valid(event);
  const auto data = event.data();
  EXPECT_TRUE(data.at("module_id").is_null());
  EXPECT_EQ(data.at("starts_at").as_string(), "2026-03-02T08:00:00Z");
  EXPECT_EQ(data.at("version").as_int64(), 1);
  EXPECT_TRUE(data.at("trainer_subjects").as_array().empty());
}

TEST(Events, SessionChangedCarriesTheAssignedTrainers) {
  const auto assigned =
      assign_trainers(conference(), {{"trainer-2", "trainer-1"}}, kAdmin, kContext);
  expect_valid(*assigned.value().event);
  const auto data = assigned.value().event->data();
  EXPECT_EQ(data.at("trainer_subjects"), (boost::json::array{"trainer-1", "trainer-2"}));
  EXPECT_EQ(data.at("version").as_int64(), 2);
}

TEST(Events, SessionEventsCarryTheTrainersWithTheirNames) {
  const auto assigned = assign_trainers(
      conference(), {{"trainer-2", "trainer-1"}, {{"trainer-2", "Bo Berg"}}}, kAdmin, kContext);
  expect_valid(*assigned.value().event);
  const auto data = assigned.value().event->data();
  EXPECT_EQ(data.at("trainers"),
            (boost::json::array{{{"subject", "trainer-1"}, {"name", nullptr}},
                                {{"subject", "trainer-2"}, {"name", "Bo Berg"}}}));
}

TEST(Events, SessionChangedCarriesTheFullStateButNoReason) {
  const auto moved = reschedule_session(
      conference(),
      {"2026-03-03T09:00:00+01:00", "2026-03-03T15:00:00+01:00", "the hall is booked"}, kAdmin,
      kContext);
  expect_valid(*moved.value().event);
  auto data = moved.value().event->data();
  EXPECT_EQ(data.at("status").as_string(), "scheduled");
  EXPECT_EQ(data.at("version").as_int64(), 2);
  EXPECT_EQ(data.at("ends_at").as_string(), "2026-03-03T14:00:00Z");
  EXPECT_EQ(data.at("changed_at").as_string(), "2026-01-01T00:00:00Z");
  EXPECT_EQ(data.at("location").as_string(), "Norrköping");

  const auto cancelled =
      cancel_session(moved.value().state, {"the trainer is ill"}, kAdmin, kContext);
  expect_valid(*cancelled.value().event);
  data = cancelled.value().event->data();
  EXPECT_EQ(data.at("status").as_string(), "cancelled");
  EXPECT_EQ(data.at("version").as_int64(), 3);
  for (const auto& [key, value] : data) {
    EXPECT_FALSE(value.is_string() && value.as_string().find("ill") != boost::json::string::npos)
        << key;
  }
}

}  // namespace
}  // namespace samverkan::modules
