#pragma once
// What changed in the tracked tables after a moment, and the funders' month locks (ADR 0074).
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace samverkan::reporting::repo {

// One new row image of a replica table: entity (table), id (its key), when it was recorded, the
// month it affects (null when none) and whether that month was locked then. before/after are the
// stored row images as JSON text (before "" for a new row); the handler keeps only the
// report-relevant fields.
struct Change {
  std::string entity, id, changed_at;
  std::optional<std::string> month;
  bool locked_month = false;
  std::string before, after;
};

// Where a listing resumes: the last item's changed_at, entity and id.
struct ChangeCursor {
  std::string changed_at, entity, id;
};

struct ChangeQuery {
  std::string federation;
  std::optional<std::string> programme_id, cohort_id;  // exactly one
  std::string since;                                   // RFC 3339
  std::optional<ChangeCursor> after;
  long limit = 100;
};

// The changes after since in the programme's or cohort's records, oldest first; nullopt when the
// programme or cohort is unknown. AsOfRefused (as_of.hpp) when since is outside the history.
std::optional<std::vector<Change>> read_changes(pqxx::transaction_base& tx, const ChangeQuery& q);

struct MonthLock {
  std::string month, locked_at, locked_by;
};

// Locks the month; nullopt when it was locked already (nothing changes).
std::optional<MonthLock> lock_month(pqxx::transaction_base& tx, const std::string& fed,
                                    const std::string& programme_id, const std::string& month,
                                    const std::string& subject);
std::optional<MonthLock> read_lock(pqxx::transaction_base& tx, const std::string& fed,
                                   const std::string& programme_id, const std::string& month);
std::vector<MonthLock> read_locks(pqxx::transaction_base& tx, const std::string& fed,
                                  const std::string& programme_id);

}  // namespace samverkan::reporting::repo
