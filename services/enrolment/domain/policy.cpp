#include "policy.hpp"

#include <algorithm>

namespace samverkan::enrolment {

EnrolmentPolicy EnrolmentPolicy::defaults(const CohortId& cohort, const FederationId& federation) {
  EnrolmentPolicy policy;
  policy.cohort = cohort;
  policy.federation = federation;
  return policy;
}

std::int64_t SeatUsage::of(const OrganisationId& organisation) const {
  const auto it = by_organisation.find(organisation);
  return it == by_organisation.end() ? 0 : it->second;
}

void SeatUsage::take(const OrganisationId& organisation) {
  ++total;
  ++by_organisation[organisation];
}

Stage first_stage(const EnrolmentPolicy& policy) {
  return policy.approval.empty() ? Stage::Organisation : policy.approval.front();
}

std::optional<Stage> next_stage(const EnrolmentPolicy& policy, Stage current) {
  const auto it = std::find(policy.approval.begin(), policy.approval.end(), current);
  if (it == policy.approval.end() || std::next(it) == policy.approval.end()) return std::nullopt;
  return *std::next(it);
}

std::optional<std::int64_t> quota_of(const EnrolmentPolicy& policy,
                                     const OrganisationId& organisation) {
  const auto it = policy.organisation_quotas.find(organisation);
  return it == policy.organisation_quotas.end() ? std::nullopt : it->second;
}

bool seat_free(const EnrolmentPolicy& policy, const SeatUsage& usage,
               const OrganisationId& organisation) {
  if (policy.capacity && usage.total >= *policy.capacity) return false;
  const auto quota = quota_of(policy, organisation);
  return !quota || usage.of(organisation) < *quota;
}

std::vector<EnrolmentId> promotions(const EnrolmentPolicy& policy, SeatUsage usage,
                                    const std::vector<Enrolment>& queue) {
  std::vector<EnrolmentId> admitted;
  for (const auto& waiting : queue) {
    if (policy.capacity && usage.total >= *policy.capacity) break;  // nothing more can fit
    if (waiting.status != EnrolmentStatus::Waitlisted) continue;
    if (!seat_free(policy, usage, waiting.organisation)) continue;
    usage.take(waiting.organisation);
    admitted.push_back(waiting.id);
  }
  return admitted;
}

Result<EnrolmentPolicy> decide_policy_change(const EnrolmentPolicy& current,
                                             const PolicyChange& change, const SeatUsage& usage,
                                             const std::vector<OrganisationId>& unknown,
                                             const Actor& actor) {
  if (!actor.has(auth::Role::FederationAdmin)) {
    return forbidden("only the federation's administrators set enrolment policies");
  }
  if (!unknown.empty()) {
    return invalid("organisation_quotas", "no such organisation: " + unknown.front().str());
  }
  if (change.capacity && *change.capacity < usage.total) {
    return conflict("the capacity cannot be lower than the " + std::to_string(usage.total) +
                    " seats in use");
  }
  for (const auto& [organisation, quota] : change.organisation_quotas) {
    if (quota && *quota < usage.of(organisation)) {
      return conflict("the quota of organisation " + organisation.str() +
                      " cannot be lower than its " + std::to_string(usage.of(organisation)) +
                      " seats in use");
    }
  }
  EnrolmentPolicy next = current;
  next.capacity = change.capacity;
  next.organisation_quotas = change.organisation_quotas;
  next.approval = change.approval;
  next.waitlist = change.waitlist;
  next.version = current.version + 1;
  return next;
}

}  // namespace samverkan::enrolment
