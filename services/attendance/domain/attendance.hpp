#pragma once
// Attendance rules, free of HTTP, SQL and Kafka.
#include <samverkan/json/reader.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace samverkan::attendance {

struct Mark {
  std::string status;                  // present, late, excused, absent
  std::optional<std::int64_t> minutes;  // attended minutes
};

struct Resolved {
  std::string status;
  std::int64_t minutes = 0;
};

// Turns a mark into the minutes that count, or says what is wrong:
// - present: minutes default to the whole session and may not exceed it;
// - late: minutes are required, from 1 to the session's length;
// - excused, absent: no attended minutes (0 or omitted).
std::optional<Resolved> resolve(const Mark& mark, std::int64_t session_minutes, std::vector<json::FieldError>& errors);

// True when the new mark changes nothing, so a repeated PUT is a no-op.
inline bool same(const Resolved& a, const Resolved& b) { return a.status == b.status && a.minutes == b.minutes; }

}  // namespace samverkan::attendance
