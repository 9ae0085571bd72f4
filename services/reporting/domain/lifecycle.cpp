#include "lifecycle.hpp"

namespace samverkan::reporting {

std::int64_t version_or_first(std::optional<std::int64_t> version) { return version.value_or(1); }

std::int64_t record_version(std::optional<std::int64_t> version, std::int64_t revision) {
  return version.value_or(revision);
}

bool enrolment_replaces(const std::optional<EnrolmentState>& stored, const EnrolmentState& incoming,
                        bool unversioned_approval) {
  if (!stored) return true;
  if (incoming.version != stored->version) return incoming.version > stored->version;
  return unversioned_approval && stored->status == "pending";
}

EnrolmentCounts& EnrolmentCounts::operator+=(const EnrolmentCounts& o) {
  enrolled += o.enrolled;
  withdrawn += o.withdrawn;
  return *this;
}

EnrolmentCounts& EnrolmentCounts::operator-=(const EnrolmentCounts& o) {
  enrolled -= o.enrolled;
  withdrawn -= o.withdrawn;
  return *this;
}

EnrolmentCounts enrolment_counts(std::string_view status) {
  if (status == "approved") return {1, 0};
  if (status == "withdrawn") return {0, 1};
  return {};
}

bool session_counts(const std::optional<std::string>& session_status) {
  return session_status != "cancelled";
}

SessionCounts& SessionCounts::operator+=(const SessionCounts& o) {
  scheduled += o.scheduled;
  cancelled += o.cancelled;
  return *this;
}

SessionCounts& SessionCounts::operator-=(const SessionCounts& o) {
  scheduled -= o.scheduled;
  cancelled -= o.cancelled;
  return *this;
}

SessionCounts session_counts_of(std::string_view status) {
  if (status == "cancelled") return {0, 1};
  return {1, 0};
}

}  // namespace samverkan::reporting
