// Enrolment policies, seats in use, the waitlist's queue and interest counts. The policy row is
// the lock every seat decision takes (lock_policy), so counts read after it are stable until the
// transaction ends.
#include <samverkan/db/nullable.hpp>

#include "repo.hpp"

namespace samverkan::enrolment::repo {

namespace {
std::string stages_literal(const std::vector<Stage>& stages) {
  std::string text = "{";
  for (const auto stage : stages) {
    if (text.size() > 1) text += ",";
    text += to_string(stage);
  }
  return text + "}";
}

std::optional<std::string> number(const std::optional<std::int64_t>& n) {
  return n ? std::optional<std::string>(std::to_string(*n)) : std::nullopt;
}

std::optional<EnrolmentPolicy> read_policy(pqxx::work& tx, const FederationId& fed,
                                           const CohortId& cohort, bool lock) {
  const auto rows = tx.exec_params(
      std::string("SELECT capacity, array_to_string(approval, ','), waitlist, version "
                  "FROM enrolment_policies WHERE federation_id = $1 AND cohort_id = $2") +
          (lock ? " FOR UPDATE" : ""),
      fed.str(), cohort.str());
  if (rows.empty()) return std::nullopt;
  auto policy = EnrolmentPolicy::defaults(cohort, fed);
  const auto& r = rows[0];
  if (!r[0].is_null()) policy.capacity = r[0].as<std::int64_t>();
  policy.approval.clear();
  const auto stages = r[1].as<std::string>();
  for (std::size_t start = 0; start <= stages.size();) {
    const auto end = std::min(stages.find(',', start), stages.size());
    const auto stage = stage_from(std::string_view(stages).substr(start, end - start));
    if (!stage) throw std::runtime_error("enrolment_policies: a stored stage is not understood");
    policy.approval.push_back(*stage);
    start = end + 1;
  }
  policy.waitlist = r[2].as<bool>();
  policy.version = r[3].as<std::int64_t>();
  for (const auto& q :
       tx.exec_params("SELECT organisation_id, quota FROM organisation_quotas WHERE cohort_id = $1",
                      cohort.str())) {
    policy.organisation_quotas[OrganisationId(q[0].as<std::string>())] =
        q[1].is_null() ? std::nullopt : std::optional<std::int64_t>(q[1].as<std::int64_t>());
  }
  return policy;
}
}  // namespace

EnrolmentPolicy find_policy(pqxx::work& tx, const FederationId& fed, const CohortId& cohort) {
  auto found = read_policy(tx, fed, cohort, false);
  return found ? *found : EnrolmentPolicy::defaults(cohort, fed);
}

EnrolmentPolicy lock_policy(pqxx::work& tx, const FederationId& fed, const CohortId& cohort) {
  // The row must exist to be locked: the defaults are written at version 0 on first use.
  const auto defaults = EnrolmentPolicy::defaults(cohort, fed);
  tx.exec_params(
      "INSERT INTO enrolment_policies (federation_id, cohort_id, capacity, approval, waitlist, "
      "version) VALUES ($1, $2, NULL, $3::text[], $4, 0) ON CONFLICT (cohort_id) DO NOTHING",
      fed.str(), cohort.str(), stages_literal(defaults.approval), defaults.waitlist);
  auto locked = read_policy(tx, fed, cohort, true);
  if (!locked) throw std::runtime_error("enrolment_policies: the row just written is missing");
  return *locked;
}

void store_policy(pqxx::work& tx, const EnrolmentPolicy& p) {
  tx.exec_params(
      "UPDATE enrolment_policies SET capacity = $3::integer, approval = $4::text[], waitlist = $5, "
      "version = $6, updated_at = now() WHERE federation_id = $1 AND cohort_id = $2",
      p.federation.str(), p.cohort.str(), db::nullable(number(p.capacity)),
      stages_literal(p.approval), p.waitlist, p.version);
  tx.exec_params("DELETE FROM organisation_quotas WHERE cohort_id = $1", p.cohort.str());
  for (const auto& [organisation, quota] : p.organisation_quotas) {
    tx.exec_params(
        "INSERT INTO organisation_quotas (federation_id, cohort_id, organisation_id, quota) "
        "VALUES ($1, $2, $3, $4::integer)",
        p.federation.str(), p.cohort.str(), organisation.str(), db::nullable(number(quota)));
  }
}

SeatUsage seat_usage(pqxx::work& tx, const FederationId& fed, const CohortId& cohort) {
  SeatUsage usage;
  for (const auto& r :
       tx.exec_params("SELECT organisation_id, count(*) FROM enrolments WHERE federation_id = $1 "
                      "AND cohort_id = $2 AND status = 'approved' GROUP BY organisation_id",
                      fed.str(), cohort.str())) {
    const auto n = r[1].as<std::int64_t>();
    usage.by_organisation[OrganisationId(r[0].as<std::string>())] = n;
    usage.total += n;
  }
  return usage;
}

std::map<OrganisationId, std::int64_t> interest_by_organisation(pqxx::work& tx,
                                                                const FederationId& fed,
                                                                const CohortId& cohort) {
  std::map<OrganisationId, std::int64_t> counts;
  for (const auto& r :
       tx.exec_params("SELECT organisation_id, count(*) FROM enrolments WHERE federation_id = $1 "
                      "AND cohort_id = $2 AND status = 'interest' GROUP BY organisation_id",
                      fed.str(), cohort.str())) {
    counts[OrganisationId(r[0].as<std::string>())] = r[1].as<std::int64_t>();
  }
  return counts;
}

std::vector<OrganisationId> unknown_organisations(pqxx::work& tx, const FederationId& fed,
                                                  const std::vector<OrganisationId>& ids) {
  std::vector<OrganisationId> unknown;
  for (const auto& id : ids) {
    if (!find_organisation(tx, fed, id)) unknown.push_back(id);
  }
  return unknown;
}

}  // namespace samverkan::enrolment::repo
