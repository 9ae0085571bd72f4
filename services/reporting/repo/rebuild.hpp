#pragma once
// Recomputes every total from the read-model rows (current records, enrolments, sessions,
// participants) with the same domain functions the event handlers use, so the incremental totals
// can be checked against it and repaired by it.
#include <cstdint>
#include <pqxx/pqxx>
#include <samverkan/db/pool.hpp>

#include "completions.hpp"

namespace samverkan::reporting::repo {

struct RebuildCounts {
  std::int64_t records = 0, enrolments = 0, sessions = 0, cohorts_evaluated = 0;
};

// In the caller's transaction: locks the read model and the totals against writers (reports keep
// reading the old totals until commit), empties the totals and fills them again. Records are
// read through a cursor; memory grows with one federation's totals, not with its records.
// Completions are evaluated again too; those that differ from the stored ones are written and
// handed to sink (none: not published).
RebuildCounts rebuild_totals(pqxx::work& tx, const CompletionSink& sink = {});

// Runs rebuild_totals in one transaction when a migration asked for it (table totals_rebuild),
// so an upgrade fills the new totals from the rows already stored before any event is consumed.
// Returns whether it ran.
bool rebuild_if_pending(db::Pool& pool, const CompletionSink& sink = {});

}  // namespace samverkan::reporting::repo
