#pragma once
// Drill-down (issue 9 §4, ADR 0078): where each figure's records are listed and where each
// record's revisions and audit entries live. A link names the service that answers it and an
// absolute path on that service, since every service serves its own /v1/audit. Free of HTTP
// and SQL.
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::reporting {

struct Link {
  std::string service;  // "reporting", "attendance"
  std::string href;     // absolute path with query, on that service
  friend bool operator==(const Link&, const Link&) = default;
};

// The records route's filters; every id is a UUID and the month YYYY-MM (see valid_month), so
// nothing in a link needs escaping.
struct RecordFilter {
  std::optional<std::string> organisation_id, month, module_id, session_id, participant_id, status;
  bool include_cancelled = false;  // records of cancelled sessions, which no figure counts
};

// YYYY-MM with a month from 01 to 12.
bool valid_month(std::string_view text);
// YYYY-MM-DD with a month from 01 to 12 and a day from 01 to 31.
bool valid_date(std::string_view text);
// One of the statuses attendance records: present, late, excused, absent.
bool valid_status(std::string_view text);

// GET /v1/cohorts/{id}/records with the filter's members as query parameters, in a fixed order.
Link records_link(const std::string& cohort_id, const RecordFilter& filter);
// GET /v1/cohorts/{id}/completions, for one organisation (or every one) and one outcome.
Link completions_link(const std::string& cohort_id,
                      const std::optional<std::string>& organisation_id, bool complete);
// The participants behind the indicators' cells for the period; the caller adds gender= and at
// most one of employment_status=, age_band=, education_level= to name a cell.
Link indicator_cell_link(const std::string& programme_id, const std::optional<std::string>& from,
                         const std::optional<std::string>& to);
// A record's revisions, each with its author, time, source and reason, on attendance.
Link history_link(const std::string& session_id, const std::string& participant_id);
// A record's audit entries on attendance (federation_admin and funder_auditor read them).
Link audit_link(const std::string& record_id);
// An import's audit entry on attendance: who imported which file, under which request (the
// request id its marks' entries share).
Link import_audit_link(const std::string& import_id);

}  // namespace samverkan::reporting
