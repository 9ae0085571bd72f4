#pragma once
// Actors, aggregates and instants shared by the domain tests.
#include <samverkan/auth/principal.hpp>

#include "../domain/model.hpp"

namespace samverkan::enrolment::test {

inline const FederationId kFed("ostergotland");
inline const OrganisationId kOrg("0b6f6a52-1d4e-4c47-9f0e-6a2b3c4d5e01");
inline const OrganisationId kOtherOrg("0b6f6a52-1d4e-4c47-9f0e-6a2b3c4d5e02");
inline const CohortId kCohort("2c1d0e3f-5a6b-4c7d-8e9f-0a1b2c3d4e01");

inline Actor admin() { return {"admin-1", kFed, {auth::Role::FederationAdmin}, std::nullopt}; }
inline Actor coordinator(const OrganisationId& of = kOrg) {
  return {"coord-1", kFed, {auth::Role::OrgCoordinator}, of};
}
inline Actor trainer() { return {"trainer-1", kFed, {auth::Role::Trainer}, std::nullopt}; }
inline Actor stranger() {  // an administrator of another federation
  return {"admin-9", FederationId("skane"), {auth::Role::FederationAdmin}, std::nullopt};
}

// A calendar day, and an instant at noon UTC on it.
inline Date day(int y, unsigned m, unsigned d) {
  return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}
inline Timestamp noon(int y, unsigned m, unsigned d) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(day(y, m, d) +
                                                                 std::chrono::hours(12));
}

inline Participant participant(const OrganisationId& of = kOrg) {
  return {ParticipantId("7e3d2c1b-0a9f-4e8d-9c7b-6a5f4e3d2c01"),
          kFed,
          of,
          "Astrid Lindqvist",
          "astrid@example.se",
          "woman",
          1980,
          "",
          1};
}

inline Cohort cohort() { return {kCohort, kFed, day(2027, 3, 1), day(2027, 6, 30)}; }

inline Enrolment pending(const OrganisationId& of = kOrg) {
  Enrolment e;
  e.id = EnrolmentId("5d4c3b2a-1f0e-4d9c-8b7a-695847362501");
  e.federation = kFed;
  e.participant = participant(of).id;
  e.organisation = of;
  e.cohort = kCohort;
  e.status = EnrolmentStatus::Pending;
  e.stage = Stage::Organisation;
  e.requested_at = noon(2027, 1, 10);
  e.changed_at = e.requested_at;
  e.version = 1;
  return e;
}

inline Enrolment approved() {
  Enrolment e = pending();
  e.status = EnrolmentStatus::Approved;
  e.stage.reset();
  e.approved_at = noon(2027, 1, 12);
  e.approved_by = "admin-1";
  e.changed_at = *e.approved_at;
  e.version = 2;
  return e;
}

}  // namespace samverkan::enrolment::test
