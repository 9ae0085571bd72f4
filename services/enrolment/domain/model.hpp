#pragma once
// The enrolment service's aggregates as typed values. Every aggregate carries its version: 1 when
// created, +1 per state change; events carry it so replicas merge by version (ADR 0037).
#include <cstdint>
#include <optional>
#include <samverkan/auth/principal.hpp>
#include <samverkan/ids/ids.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "time.hpp"

namespace samverkan::enrolment {

using ids::CohortId;
using ids::EnrolmentId;
using ids::FederationId;
using ids::ModuleId;
using ids::OrganisationId;
using ids::ParticipantId;

struct Organisation {
  OrganisationId id;
  FederationId federation;
  std::string name;
  std::string org_number;  // NNNNNN-NNNN
  std::string type;        // one of the types validate() accepts
  std::int64_t version = 1;
};

struct Participant {
  ParticipantId id;
  FederationId federation;
  OrganisationId organisation;
  std::string name;   // personal data
  std::string email;  // personal data
  std::string gender;
  std::int64_t birth_year = 0;
  std::string role;
  std::int64_t version = 1;
  // The token subject (sub) of a participant login linked to this record (ADR 0061).
  std::optional<std::string> subject;
};

// The whole lifecycle (decide.hpp): interest -> pending (per stage) -> approved | waitlisted ->
// approved (a promotion); rejected and withdrawn are final.
enum class EnrolmentStatus { Interest, Pending, Approved, Waitlisted, Rejected, Withdrawn };
// Where a pending enrolment waits: its organisation's approval, then the federation's.
enum class Stage { Organisation, Federation };

std::string_view to_string(EnrolmentStatus status);
std::optional<EnrolmentStatus> enrolment_status_from(std::string_view text);
std::string_view to_string(Stage stage);
std::optional<Stage> stage_from(std::string_view text);

struct Enrolment {
  EnrolmentId id;
  FederationId federation;
  ParticipantId participant;
  OrganisationId organisation;  // the participant's, copied at request time
  CohortId cohort;
  EnrolmentStatus status = EnrolmentStatus::Pending;
  std::optional<Stage> stage;  // set exactly when status is Pending
  Timestamp requested_at;
  std::optional<Timestamp> approved_at;
  std::optional<std::string> approved_by;  // token subject of the approver
  std::optional<Date> left_on;             // set when withdrawn: the last day of participation
  // The first attended session's date (or the approval's, where the programme says so).
  std::optional<Date> started_on;
  Timestamp changed_at;  // the last state change (requested_at at first)
  std::int64_t version = 1;
  // The modules chosen, mandatory ones included; none: no choice made yet (all modules).
  std::optional<std::vector<ModuleId>> module_ids;
  // Place in the cohort's queue (1 = next), set when read or decided for a waitlisted enrolment;
  // derived from the request times, not stored.
  std::optional<std::int64_t> waitlist_position;
};

// What enrolment knows of a cohort (its replica of modules' cohort.created).
struct Cohort {
  CohortId id;
  FederationId federation;
  Date starts_on;
  Date ends_on;
};

// Who acts, as the rules need it: taken from the verified token, nothing else.
struct Actor {
  std::string subject;
  FederationId federation;
  std::set<auth::Role> roles;
  std::optional<OrganisationId> organisation;  // a coordinator's own organisation
  // A participant's own record, resolved from the token's subject; set only for that role.
  std::optional<ParticipantId> participant;

  static Actor from(const auth::Principal& principal);
  [[nodiscard]] bool has(auth::Role role) const { return roles.count(role) > 0; }
  // The federation's administrators act for every organisation; a coordinator for its own.
  [[nodiscard]] bool may_act_for(const OrganisationId& organisation_id) const;
  // A participant acting for themself only (never for anyone else).
  [[nodiscard]] bool is_participant(const ParticipantId& id) const {
    return participant && *participant == id;
  }
};

}  // namespace samverkan::enrolment
