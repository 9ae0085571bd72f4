// Each emitted event type's payload passes its own schema as a producer must (strictly), and
// carries the aggregate's version.
#include "../domain/events.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "fixtures.hpp"

namespace samverkan::enrolment {
namespace {

using namespace test;

const events::SchemaRegistry& registry() {
  static const events::SchemaRegistry r(std::filesystem::path(SAMVERKAN_SCHEMAS_DIR) / "events");
  return r;
}

template <events::TypedEvent E>
boost::json::object valid(const E& event) {
  const auto data = event.data();
  EXPECT_NO_THROW(registry().validate(std::string(E::kType), data, events::Strictness::Producer))
      << E::kType << ": " << boost::json::serialize(data);
  EXPECT_EQ(registry().topic_for(std::string(E::kType)), "samverkan.enrolment");
  return data;
}

TEST(Events, EveryEmittedTypeHasASchema) { EXPECT_NO_THROW(require_event_schemas(registry())); }

TEST(Events, OrganisationRegistered) {
  const Organisation o{kOrg, kFed, "Linköpings kommun", "212000-0449", "municipality", 1};
  const auto data = valid(OrganisationRegistered{o});
  EXPECT_EQ(data.at("version").as_int64(), 1);
  EXPECT_EQ(OrganisationRegistered{o}.aggregate_id(), kOrg.str());
}

TEST(Events, ParticipantRegistered) {
  const auto data = valid(ParticipantRegistered{participant()});
  EXPECT_EQ(data.at("version").as_int64(), 1);
  EXPECT_EQ(data.at("organisation_id").as_string(), kOrg.str());
}

TEST(Events, EnrolmentRequested) {
  const auto data = valid(EnrolmentRequested{pending()});
  EXPECT_EQ(data.at("version").as_int64(), 1);
  EXPECT_EQ(data.at("requested_at").as_string(), "2027-01-10T12:00:00.000Z");
}

TEST(Events, EnrolmentApprovedKeepsItsOldShapeWithAVersion) {
  const auto data = valid(EnrolmentApproved{approved()});
  EXPECT_EQ(data.at("version").as_int64(), 2);
  EXPECT_EQ(data.at("approved_at").as_string(), "2027-01-12T12:00:00.000Z");
}

TEST(Events, EnrolmentChangedCarriesTheFullStateOfEveryReachableStatus) {
  Enrolment withdrawn = approved();
  withdrawn.status = EnrolmentStatus::Withdrawn;
  withdrawn.left_on = day(2027, 4, 15);
  withdrawn.changed_at = noon(2027, 4, 15);
  withdrawn.version = 3;

  const auto of_pending = valid(EnrolmentChanged{pending()});
  EXPECT_EQ(of_pending.at("stage").as_string(), "organisation");
  EXPECT_TRUE(of_pending.at("approved_at").is_null());
  EXPECT_TRUE(of_pending.at("left_on").is_null());

  const auto of_approved = valid(EnrolmentChanged{approved()});
  EXPECT_EQ(of_approved.at("status").as_string(), "approved");
  EXPECT_TRUE(of_approved.at("stage").is_null());
  EXPECT_EQ(of_approved.at("version").as_int64(), 2);

  const auto of_withdrawn = valid(EnrolmentChanged{withdrawn});
  EXPECT_EQ(of_withdrawn.at("status").as_string(), "withdrawn");
  EXPECT_EQ(of_withdrawn.at("left_on").as_string(), "2027-04-15");
  EXPECT_EQ(of_withdrawn.at("approved_at").as_string(), "2027-01-12T12:00:00.000Z");
  EXPECT_EQ(of_withdrawn.at("changed_at").as_string(), "2027-04-15T12:00:00.000Z");
  EXPECT_EQ(of_withdrawn.at("version").as_int64(), 3);
  EXPECT_FALSE(of_withdrawn.contains("reason"));  // the reason belongs to the audit trail only
}

TEST(Events, EveryStatusAndStageHasAWireNameTheSchemaAccepts) {
  for (const auto status :
       {EnrolmentStatus::Interest, EnrolmentStatus::Pending, EnrolmentStatus::Approved,
        EnrolmentStatus::Waitlisted, EnrolmentStatus::Rejected, EnrolmentStatus::Withdrawn}) {
    EXPECT_EQ(enrolment_status_from(to_string(status)), status);
  }
  for (const auto stage : {Stage::Organisation, Stage::Federation}) {
    EXPECT_EQ(stage_from(to_string(stage)), stage);
    Enrolment e = pending();
    e.stage = stage;
    valid(EnrolmentChanged{e});
  }
  EXPECT_FALSE(enrolment_status_from("approved "));
  EXPECT_FALSE(stage_from(""));
}

}  // namespace
}  // namespace samverkan::enrolment
