#pragma once
// A meeting-report import inside the write path's unit of work, without HTTP: read the file
// against the session's window, match people, and record each changed mark through record_mark
// with source import, the import's id and the file's SHA-256. One import is one transaction; a
// dry run decides the same marks and writes nothing.
#include <optional>
#include <samverkan/writepath/unit_of_work.hpp>
#include <string>
#include <vector>

#include "../domain/attendance.hpp"
#include "../domain/meeting_report/presence.hpp"

namespace samverkan::attendance::app {

struct ImportCommand {
  ids::SessionId session;
  std::string_view file;  // the body as received
  bool dry_run = false;
  bool absent_if_missing = false;
  std::string import_id;  // drawn by the caller
  std::string now;        // RFC 3339 UTC with milliseconds
};

struct MatchedMark {
  meeting_report::Matched match;
  std::optional<std::string> first_join;  // RFC 3339 with the session zone's offset
  bool changed = false;                   // a new revision (or, in a dry run, would be one)
};

struct RefusedMark {  // a matched person whose mark the rules refuse (e.g. enrolment changed)
  std::string participant_id;
  std::string reason;
};

struct ImportOutcome {
  meeting_report::Format format = meeting_report::Format::Unlabelled;
  std::size_t rows = 0;
  std::vector<MatchedMark> matched;
  std::vector<meeting_report::Unmatched> unmatched;
  std::vector<meeting_report::Skipped> skipped;
  std::vector<std::string> expected_missing;  // not in the file, not marked
  std::vector<std::string> marked_absent;     // not in the file, marked absent (absent_if_missing)
  std::vector<RefusedMark> refused;
  std::int64_t changes = 0;
  std::string file_sha256;
  std::optional<std::string> import_id;  // set when the import was applied and changed something
  meeting_report::Policy policy;         // the one the statuses were decided by
};

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// Minutes become a status by the session's programme's policy (repo::load_import_session).

// Why an import is refused before any mark (each a 4xx): the session is cancelled, or the caller
// is a trainer not assigned to it (may_record, domain/expected.hpp).
struct SessionCancelled {};
struct NotSessionTrainer {};

// nullopt: no such session in the actor's federation (404). Throws meeting_report::Unreadable for
// a file it cannot read, SessionCancelled and NotSessionTrainer; nothing is written then. Audit:
// one "attendance_import.applied" entry for the import (none -> 1) plus one per changed mark (see
// record_mark); nothing at all when the import changes nothing or is a dry run.
std::optional<ImportOutcome> import_report(writepath::UnitOfWork& uow,
                                           const ImportCommand& command);

}  // namespace samverkan::attendance::app
