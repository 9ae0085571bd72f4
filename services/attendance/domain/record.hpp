#pragma once
// The attendance record aggregate: one per session and participant. Every change is a new
// revision, and the revision is the aggregate's version (1 at the first mark, +1 per correction).
// Each revision keeps who, when, why and from which source (ADR 0050).
#include <cstdint>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <string>
#include <string_view>

namespace samverkan::attendance {

enum class Status { Present, Late, Excused, Absent };
std::optional<Status> parse_status(std::string_view text);  // "present", "late", ...
std::string_view to_string(Status status);

// Where a revision came from: a person's mark, a meeting-report import, a participant's own
// check-in, or the auto-marking after a session.
enum class Source { Manual, Import, CheckIn, Auto };
std::optional<Source> parse_source(
    std::string_view text);  // "manual", "import", "check_in", "auto"
std::string_view to_string(Source source);

// The import a revision came from, and the SHA-256 (lower-case hex) of the file it read.
struct ImportRef {
  std::string import_id;
  std::string file_sha256;
  bool operator==(const ImportRef&) const = default;
};

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
  // The revision's provenance: who is recorded_by, when is recorded_at; these say how and why.
  Source source = Source::Manual;
  std::optional<std::string> reason;  // required for every revision after the first
  std::optional<ImportRef> import;    // set exactly when source is Import

  [[nodiscard]] std::int64_t version() const { return revision; }
};

}  // namespace samverkan::attendance
