#pragma once
// Reporting rules, free of HTTP, SQL and Kafka.
#include <string>

namespace samverkan::reporting {

// Statuses whose session counts as attended. Excused and absent sessions carry no minutes.
inline bool counts_as_attended(const std::string& status) { return status == "present" || status == "late"; }
// The SQL form of the same rule, used by the read-model queries.
inline constexpr const char* kAttendedStatusesSql = "('present', 'late')";

// Enrolment events may arrive in any order relative to each other's replays: approval wins.
inline std::string merged_enrolment_status(const std::string& stored, const std::string& incoming) {
  return stored == "approved" || incoming == "approved" ? "approved" : incoming;
}

}  // namespace samverkan::reporting
