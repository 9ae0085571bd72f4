#pragma once
// Reading a report as it stood at a moment (ADR 0074). Every tracked table's row images are kept
// in row_history; the schema <schema>_asof holds a view per table showing the rows valid at
// samverkan.as_of. read_at runs a report's code either live, on a snapshot whose moment it names,
// or as of a given moment through those views: the same queries, the same bytes.
#include <functional>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/db/pool.hpp>
#include <stdexcept>
#include <string>

namespace samverkan::reporting::repo {

// The as_of asked for is before history began or after now; the detail says which and when.
class AsOfRefused : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Runs fn in one read-only REPEATABLE READ transaction on conn and returns the moment it reflects
// as "YYYY-MM-DDTHH:MM:SS.ffffffZ" (UTC). With as_of (RFC 3339, checked by the caller): the
// tracked tables read as of that moment (AsOfRefused when outside the history). Without: the live
// tables, on a snapshot taken under the history lock, so that asking again as of the returned
// moment reads the same rows.
std::string read_at(pqxx::connection& conn, const std::optional<std::string>& as_of,
                    const std::function<void(pqxx::work&)>& fn);

// read_at's transaction left open, with its moment: for a caller that goes on reading after it
// has answered with the moment (a streamed export sends X-As-Of before its rows). Destroying it
// without commit rolls back, which for a read-only transaction loses nothing.
struct OpenRead {
  std::unique_ptr<pqxx::work> tx;
  std::string moment;
};
OpenRead begin_read_at(pqxx::connection& conn, const std::optional<std::string>& as_of);

// Recreates every as-of view with its table's current columns (run at start, after migrations).
void refresh_asof_views(db::Pool& pool);

// True when text is an RFC 3339 date-time (YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)).
bool is_rfc3339(const std::string& text);

}  // namespace samverkan::reporting::repo
