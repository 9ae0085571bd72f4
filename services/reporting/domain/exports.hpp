#pragma once
// The CSV exports' layouts (issue 9 §3), kept in one place: their columns and how a row is
// written. Each export is RFC 4180 with CRLF, UTF-8 with a BOM, `,` or `;` (Swedish Excel), and
// text cells that a spreadsheet would evaluate are neutralised (libs/csv). In the pseudonymised
// variant participant ids are replaced by their keyed pseudonym. Free of HTTP and SQL.
#include <cstdint>
#include <optional>
#include <string>

#include "pseudonym.hpp"

namespace samverkan::reporting {

struct ExportFormat {
  char separator = ',';
  const Pseudonymiser* pseudonymiser = nullptr;  // set: the pseudonymised variant
};

// One session with its figures. Times are local to the session's zone.
struct SessionExportRow {
  std::string session_id, date, start, end;  // YYYY-MM-DD, HH:MM, HH:MM
  std::int64_t duration_minutes = 0;
  std::string status;             // scheduled, cancelled
  std::string kind, module_code;  // module_code empty outside modules
  std::string trainers;           // the assigned trainers' subjects (session_trainers.hpp)
  std::string teacher;            // their display names: staff, in both variants
  std::int64_t expected = 0, present = 0, late = 0, excused = 0, absent = 0, minutes = 0;
};

// One participant's hours in one month (by the sessions' local dates).
struct HoursExportRow {
  std::string participant_id, organisation_id, month;  // month: YYYY-MM
  std::int64_t session_minutes = 0, self_study_minutes = 0;
  std::string statement;  // confirmed, superseded, open
};

// The file's first bytes: the BOM and the header row.
std::string sessions_header(const ExportFormat& format);
std::string session_row(const SessionExportRow& row, const ExportFormat& format);
std::string hours_header(const ExportFormat& format);
std::string hours_row(const HoursExportRow& row, const ExportFormat& format);

}  // namespace samverkan::reporting
