#include "as_of.hpp"

#include <regex>

namespace samverkan::reporting::repo {

namespace {

constexpr const char* kMoment = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";
// The lock every transaction writing tracked rows holds exclusively from its stamp until it ends
// (at commit: the history trigger is deferred), and a live report holds shared while it picks its
// moment and snapshot.
constexpr const char* kLockKey = "hashtext('samverkan.history.' || current_schema())";

void begin_snapshot(pqxx::work& tx) {
  // The first statement of the transaction; the snapshot is taken by the next one.
  tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
}

OpenRead begin_as_of(pqxx::connection& conn, const std::string& as_of) {
  auto owned = std::make_unique<pqxx::work>(conn);
  pqxx::work& tx = *owned;
  begin_snapshot(tx);
  pqxx::row check;
  try {
    check = tx.exec_params1(
        std::string("SELECT to_char($1::timestamptz AT TIME ZONE 'UTC', ") + kMoment +
            "), $1::timestamptz > clock_timestamp(), history_start() IS NULL OR $1::timestamptz < "
            "history_start(), COALESCE(to_char(history_start() AT TIME ZONE 'UTC', " +
            kMoment + "), '')",
        as_of);
  } catch (const pqxx::data_exception&) {
    throw AsOfRefused("as_of is not a valid date-time");  // e.g. 2026-02-31
  }
  const auto moment = check[0].as<std::string>();
  if (check[1].as<bool>()) throw AsOfRefused("as_of is in the future");
  if (check[2].as<bool>()) {
    throw AsOfRefused("as_of is before history began at " + check[3].as<std::string>());
  }
  // The same queries now read the as-of views, which shadow the tracked tables.
  tx.exec_params(
      "SELECT set_config('samverkan.as_of', $1, true), set_config('search_path', "
      "quote_ident(current_schema() || '_asof') || ', ' || quote_ident(current_schema()), true)",
      moment);
  return OpenRead{std::move(owned), moment};
}

// Chooses the moment and takes the snapshot while holding the history lock shared: every
// transaction stamped before the moment has committed (it held the lock exclusively until then),
// and none can stamp until the lock is released, after the snapshot (ADR 0074). Live reports hold
// it shared, so they do not wait for one another; the snapshot, the moment and the release are
// one statement.
OpenRead begin_live(pqxx::connection& conn) {
  {
    pqxx::nontransaction lock(conn);
    lock.exec(std::string("SELECT pg_advisory_lock_shared(") + kLockKey + ")");
  }
  bool locked = true;
  try {
    auto owned = std::make_unique<pqxx::work>(conn);
    pqxx::work& tx = *owned;
    begin_snapshot(tx);
    // The statement's snapshot is the transaction's; clock_timestamp() is read after it is taken.
    const auto moment =
        tx.exec1(std::string("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', ") + kMoment +
                 "), pg_advisory_unlock_shared(" + kLockKey + ")")[0]
            .as<std::string>();
    locked = false;
    return OpenRead{std::move(owned), moment};
  } catch (...) {
    if (locked) {
      try {
        pqxx::nontransaction unlock(conn);
        unlock.exec(std::string("SELECT pg_advisory_unlock_shared(") + kLockKey + ")");
      } catch (const std::exception&) {
        // A broken connection has lost its session lock with its session.
      }
    }
    throw;
  }
}

}  // namespace

OpenRead begin_read_at(pqxx::connection& conn, const std::optional<std::string>& as_of) {
  return as_of ? begin_as_of(conn, *as_of) : begin_live(conn);
}

std::string read_at(pqxx::connection& conn, const std::optional<std::string>& as_of,
                    const std::function<void(pqxx::work&)>& fn) {
  auto read = begin_read_at(conn, as_of);
  fn(*read.tx);
  read.tx->commit();
  return read.moment;
}

void refresh_asof_views(db::Pool& pool) {
  pool.transact([](pqxx::work& tx) { tx.exec("SELECT refresh_asof_views()"); });
}

bool is_rfc3339(const std::string& text) {
  static const std::regex shape(
      R"(^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$)");
  std::smatch m;
  if (text.size() > 40 || !std::regex_match(text, m, shape)) return false;
  const auto n = [&](int i) { return std::stoi(m[i].str()); };
  const bool offset_ok = !m[9].matched || (n(9) < 24 && n(10) < 60);
  return n(2) >= 1 && n(2) <= 12 && n(3) >= 1 && n(3) <= 31 && n(4) < 24 && n(5) < 60 &&
         n(6) < 60 && offset_ok;
}

}  // namespace samverkan::reporting::repo
