#include "attendance.hpp"

namespace samverkan::attendance {

std::optional<Resolved> resolve(const Mark& mark, std::int64_t session_minutes, std::vector<json::FieldError>& errors) {
  const auto before = errors.size();
  Resolved r{mark.status, 0};
  if (mark.status == "present") {
    r.minutes = mark.minutes.value_or(session_minutes);
    if (r.minutes < 1 || r.minutes > session_minutes) {
      errors.push_back({"minutes", "must be from 1 to the session's length in minutes"});
    }
  } else if (mark.status == "late") {
    if (!mark.minutes) {
      errors.push_back({"minutes", "is required when late"});
    } else {
      r.minutes = *mark.minutes;
      if (r.minutes < 1 || r.minutes > session_minutes) {
        errors.push_back({"minutes", "must be from 1 to the session's length in minutes"});
      }
    }
  } else if (mark.status == "excused" || mark.status == "absent") {
    if (mark.minutes.value_or(0) != 0) errors.push_back({"minutes", "must be 0 or omitted when excused or absent"});
  } else {
    errors.push_back({"status", "must be present, late, excused or absent"});
  }
  if (errors.size() != before) return std::nullopt;
  return r;
}

}  // namespace samverkan::attendance
