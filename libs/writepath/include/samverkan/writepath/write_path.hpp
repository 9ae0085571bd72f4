#pragma once
// Runs a write route's decision as one UnitOfWork (see unit_of_work.hpp) and answers for it.
// runtime::Service::write forwards here; tests use it directly.
//
// Idempotency-Key (POST only; 1..255 printable ASCII characters, else 400): the key is claimed
// first in the transaction, scoped by federation and subject. A request repeating a key with the
// same method, path and body gets the stored status, body and Location (header
// Idempotent-Replayed: true); with anything different it gets 422. A concurrent request with the
// same key waits on the key's primary key until the first commits, then replays its answer. A
// request that fails stores nothing, so its retry runs again. Keys live at least 48 hours.
#include <atomic>
#include <chrono>
#include <functional>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/outbox.hpp>
#include <samverkan/http/message.hpp>
#include <samverkan/writepath/unit_of_work.hpp>
#include <string>
#include <string_view>

namespace samverkan::writepath {

using Work = std::function<WriteResult(UnitOfWork&)>;

class WritePath {
 public:
  // service: the schema name ("modules"); part of every audit entry's canonical form.
  WritePath(db::Pool& pool, const events::Outbox& outbox, std::string service);

  // Throws http::Problem: 400 (bad key), 409 (unique violation, VersionConflict), 422 (key reused
  // with another request), and whatever the work throws; nothing is committed then.
  http::Response run(http::Request& request, const auth::Principal& who, const Work& work);

  // Deletes idempotency keys older than 48 hours; returns how many. run() calls it at most once an
  // hour per process, after a write, in its own transaction.
  std::size_t purge_expired_keys();

  [[nodiscard]] const std::string& service() const { return service_; }

 private:
  void maybe_purge();

  db::Pool& pool_;
  const events::Outbox& outbox_;
  std::string service_;
  std::atomic<std::int64_t> next_purge_{0};  // steady-clock seconds
};

// The actor of a request: subject, sorted role names and federation from the token, request id
// from X-Request-Id (set by the HTTP server; generated when absent), traceparent if any.
Actor actor_of(const http::Request& request, const auth::Principal& who);

// 1..255 characters, each printable ASCII (0x20..0x7E).
bool valid_idempotency_key(std::string_view key);

}  // namespace samverkan::writepath
