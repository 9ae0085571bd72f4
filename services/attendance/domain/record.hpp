#pragma once
// The attendance record aggregate: one per session and participant. Every change is a new
// revision, and the revision is the aggregate's version (1 at the first mark, +1 per correction).
#include <cstdint>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <string>
#include <string_view>

namespace samverkan::attendance {

enum class Status { Present, Late, Excused, Absent };
std::optional<Status> parse_status(std::string_view text);  // "present", "late", ...
std::string_view to_string(Status status);

struct Record {
  ids::RecordId id;  // the Kafka key of its events
  ids::FederationId federation;
  ids::SessionId session;
  ids::ParticipantId participant;
  Status status = Status::Present;
  std::int64_t minutes = 0;
  std::int64_t revision = 0;
  std::string recorded_by;  // token subject of the revision's author
  std::string recorded_at;  // RFC 3339 UTC with milliseconds

  [[nodiscard]] std::int64_t version() const { return revision; }
};

}  // namespace samverkan::attendance
