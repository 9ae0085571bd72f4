#pragma once
// A fixed-size pool of libpqxx connections. Each connection's search_path is set to the service's
// schema. Broken connections are replaced on the next acquire, so a database restart heals itself.
// Statements named at construction are defined on every connection the pool opens (reconnects
// included), so a hot path calls tx.exec_prepared(name, ...) and skips parsing and planning.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <stdexcept>
#include <string>
#include <vector>

namespace samverkan::db {

// One statement to prepare on every connection; use it as tx.exec_prepared(name, params...).
struct PreparedStatement {
  std::string name;
  std::string sql;
};

class PoolTimeout : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Pool {
 public:
  // url: libpq connection string or URI. schema: set as search_path ("" keeps the default).
  Pool(std::string url, std::string schema, std::size_t size,
       std::chrono::milliseconds acquire_timeout = std::chrono::seconds(5));
  // The same, with statements defined on each new connection. libpqxx sends the PREPARE on a
  // connection's first use of a name, so a new connection costs no extra round trip until then,
  // and a statement with an error fails the transaction that uses it, not the pool.
  Pool(std::string url, std::string schema, std::size_t size,
       std::vector<PreparedStatement> statements,
       std::chrono::milliseconds acquire_timeout = std::chrono::seconds(5));
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<pqxx::connection> conn);
    Lease(Lease&&) noexcept;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    pqxx::connection& operator*() { return *conn_; }
    pqxx::connection* operator->() { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
  };

  // Throws PoolTimeout if no connection frees up in time, pqxx::broken_connection if the database
  // cannot be reached.
  Lease acquire();

  // Runs fn in one transaction and commits. Retries the whole function (up to 3 times) on a
  // serialization failure or deadlock; any other exception rolls back and propagates.
  template <class Fn>
  auto transact(Fn&& fn) -> decltype(fn(std::declval<pqxx::work&>()));

  // SELECT 1 with a short timeout, for /readyz.
  bool ping();
  [[nodiscard]] std::size_t in_use() const;
  [[nodiscard]] std::size_t size() const;

 private:
  friend class Lease;
  void release(std::unique_ptr<pqxx::connection> conn);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The connection string with libpq's network timeouts added where it does not set them: a connect
// gives up after 5 s and a dead peer is noticed within about 30 s (keepalives, tcp_user_timeout),
// instead of blocking a thread for the operating system's TCP timeout during a failover.
std::string with_network_timeouts(const std::string& url);

// Retry classification used by transact().
bool is_retryable(const std::exception& e);

template <class Fn>
auto Pool::transact(Fn&& fn) -> decltype(fn(std::declval<pqxx::work&>())) {
  for (int attempt = 1;; ++attempt) {
    auto lease = acquire();
    try {
      pqxx::work tx(*lease);
      if constexpr (std::is_void_v<decltype(fn(tx))>) {
        fn(tx);
        tx.commit();
        return;
      } else {
        auto result = fn(tx);
        tx.commit();
        return result;
      }
    } catch (const std::exception& e) {
      if (attempt >= 3 || !is_retryable(e)) throw;
    }
  }
}

}  // namespace samverkan::db
