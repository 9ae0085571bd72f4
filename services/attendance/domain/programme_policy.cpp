#include "programme_policy.hpp"

#include <algorithm>
#include <samverkan/json/fields.hpp>

#include "meeting_report/presence.hpp"

namespace samverkan::attendance {

namespace {
std::int64_t version_of(const boost::json::object& data) {
  const auto* version = data.if_contains("version");
  if (version == nullptr || version->is_null()) return 1;
  return version->to_number<std::int64_t>();
}
}  // namespace

CohortProgramme cohort_programme_from(const boost::json::object& data) {
  return CohortProgramme{ids::CohortId(json::string_at(data, "cohort_id")),
                         ids::FederationId(json::string_at(data, "federation_id")),
                         ids::ProgrammeId(json::string_at(data, "programme_id")), version_of(data)};
}

ProgrammePolicy programme_policy_from(const boost::json::object& data) {
  // Events from before programmes stated a policy carry none: they keep the default, stored as
  // such so a later policy-less version also returns the programme to the default.
  std::int64_t percent = meeting_report::kDefaultPresentPercent;
  const auto* policy = data.if_contains("attendance_policy");
  if (policy != nullptr && policy->is_object()) {
    const auto* present = policy->as_object().if_contains("present_percent");
    if (present != nullptr && !present->is_null()) percent = present->to_number<std::int64_t>();
  }
  // A consumer validates tolerantly (no ranges): a share outside 1..100 is read as its bound.
  percent = std::clamp<std::int64_t>(percent, 1, 100);
  return ProgrammePolicy{ids::ProgrammeId(json::string_at(data, "programme_id")),
                         ids::FederationId(json::string_at(data, "federation_id")), percent,
                         version_of(data)};
}

}  // namespace samverkan::attendance
