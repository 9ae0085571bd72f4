#pragma once
// A cohort's enrolment policy and the seat rules it sets, as pure functions. A seat is taken at the
// final approval; the policy row is what concurrent approvals lock, so a count of seats in use
// read under that lock cannot change before the decision is stored.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model.hpp"
#include "result.hpp"

namespace samverkan::enrolment {

struct EnrolmentPolicy {
  CohortId cohort;
  FederationId federation;
  std::optional<std::int64_t> capacity;  // none: unlimited
  // An organisation not listed, or listed with none, is limited by the capacity only.
  std::map<OrganisationId, std::optional<std::int64_t>> organisation_quotas;
  std::vector<Stage> approval{Stage::Organisation};  // one or two stages, in this order
  bool waitlist = false;
  std::int64_t version = 0;  // 0: never set, the defaults above apply

  static EnrolmentPolicy defaults(const CohortId& cohort, const FederationId& federation);
};

// Approved enrolments of a cohort: the seats in use.
struct SeatUsage {
  std::int64_t total = 0;
  std::map<OrganisationId, std::int64_t> by_organisation;

  [[nodiscard]] std::int64_t of(const OrganisationId& organisation) const;
  void take(const OrganisationId& organisation);
};

// The stage a new request waits at.
Stage first_stage(const EnrolmentPolicy& policy);
// The stage after `current`, or none when `current` is the last one the policy asks for (a stage
// the policy no longer lists counts as the last, so nobody is stranded by a policy change).
std::optional<Stage> next_stage(const EnrolmentPolicy& policy, Stage current);

// The organisation's quota, if it has one.
std::optional<std::int64_t> quota_of(const EnrolmentPolicy& policy,
                                     const OrganisationId& organisation);
// Whether one more seat for `organisation` fits both the capacity and its quota.
bool seat_free(const EnrolmentPolicy& policy, const SeatUsage& usage,
               const OrganisationId& organisation);

// Which waitlisted enrolments a freed seat (or several) lets in: in queue order, every one that
// fits, skipping those whose organisation's quota is still full. `queue` is in request order.
std::vector<EnrolmentId> promotions(const EnrolmentPolicy& policy, SeatUsage usage,
                                    const std::vector<Enrolment>& queue);

// The parts of a policy as the request states them (validated for shape at the edge).
struct PolicyChange {
  std::optional<std::int64_t> capacity;
  std::map<OrganisationId, std::optional<std::int64_t>> organisation_quotas;
  std::vector<Stage> approval;
  bool waitlist = false;
};

// Federation administrators only (403). Every quota's organisation must exist (422
// organisation_quotas). A capacity or quota below the seats already in use is refused (409, saying
// how many are in use): a policy change never silently drops anyone already approved.
Result<EnrolmentPolicy> decide_policy_change(const EnrolmentPolicy& current,
                                             const PolicyChange& change, const SeatUsage& usage,
                                             const std::vector<OrganisationId>& unknown,
                                             const Actor& actor);

}  // namespace samverkan::enrolment
