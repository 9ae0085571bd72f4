#pragma once
// The cohorts reporting knows, and a cohort's sessions with their attendance: what the report
// page lists and draws. Every query is scoped by the caller's federation.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace samverkan::reporting::repo {

struct CohortRow {
  std::string cohort_id, programme_id, name;
};
std::vector<CohortRow> list_cohorts(pqxx::transaction_base& tx, const std::string& federation);

struct SessionFigures {
  std::string session_id, date, starts_at, kind, title, status;
  std::int64_t present = 0, late = 0, excused = 0, absent = 0, minutes = 0;
};
// In time order; none when the cohort is unknown. `organisation`: count only that
// organisation's participants (a coordinator's view), else every organisation's.
std::optional<std::vector<SessionFigures>> cohort_sessions(
    pqxx::transaction_base& tx, const std::string& federation, const std::string& cohort,
    const std::optional<std::string>& organisation);

}  // namespace samverkan::reporting::repo
