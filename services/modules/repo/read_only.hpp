#pragma once
// Reads for GET routes without BEGIN and COMMIT: a pqxx::nontransaction sends each statement on
// its own, so a one-query route costs one round trip instead of three. Use it only where every
// statement stands alone (no writes, no reads that must see one snapshot). A broken connection
// is retried once on a fresh one, as db::Pool::transact does.
#include <pqxx/pqxx>
#include <samverkan/db/pool.hpp>

namespace samverkan::modules::repo {

template <class Fn>
auto read_only(db::Pool& pool, Fn&& fn) -> decltype(fn(std::declval<pqxx::transaction_base&>())) {
  for (int attempt = 1;; ++attempt) {
    auto lease = pool.acquire();
    try {
      pqxx::nontransaction tx(*lease);
      return fn(tx);
    } catch (const pqxx::broken_connection&) {
      if (attempt >= 2) throw;
    }
  }
}

}  // namespace samverkan::modules::repo
