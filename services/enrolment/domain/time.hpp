#pragma once
// Instants and calendar dates as the domain sees them: typed, so a leaving date cannot be compared
// with a timestamp by accident. Text only at the edges (API, SQL, events).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::enrolment {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;  // UTC
using Date = std::chrono::sys_days;                                  // a calendar day

// "YYYY-MM-DD" that names a real day (2026-02-30 is not one); nullopt otherwise.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);
// "YYYY-MM-DDTHH:MM:SS.mmmZ", the shape the API has always returned.
std::string format_timestamp(Timestamp at);
// The UTC calendar day an instant falls on.
Date day_of(Timestamp at);

}  // namespace samverkan::enrolment
