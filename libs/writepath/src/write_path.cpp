// The one write path: key claim, the route's work, stored response, audit chain, commit.
// The order inside the transaction is what keeps the shared locks short:
//   1. claim the Idempotency-Key (a row lock on that key only; same-key requests queue here),
//   2. run the route's work (its own row locks: the aggregate it changes),
//   3. store the response for the key,
//   4. append the audit entries, which locks the federation's chain head, shared by every writer
//      of the federation in this service; only the commit follows.
#include <algorithm>
#include <samverkan/db/errors.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/log/log.hpp>
#include <samverkan/writepath/audit_log.hpp>
#include <samverkan/writepath/row_guards.hpp>
#include <samverkan/writepath/write_path.hpp>

#include "idempotency.hpp"

namespace samverkan::writepath {

namespace {

constexpr std::int64_t kPurgeEverySeconds = 3600;

std::int64_t steady_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

http::Response to_response(const WriteResult& result) {
  http::Response response = http::json_response(result.status, result.body);
  if (!result.location.empty()) response.headers.emplace_back("Location", result.location);
  return response;
}

}  // namespace

bool valid_idempotency_key(std::string_view key) {
  return !key.empty() && key.size() <= 255 &&
         std::all_of(key.begin(), key.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

Actor actor_of(const http::Request& request, const auth::Principal& who) {
  Actor actor;
  actor.subject = who.subject;
  for (auth::Role role : who.roles) actor.roles.emplace_back(auth::to_string(role));
  std::sort(actor.roles.begin(), actor.roles.end());
  actor.federation = who.federation;
  // The HTTP server sets x-request-id on every request (the client's if acceptable, else a new
  // one) and answers with it; requests built elsewhere (tests) get a fresh one.
  actor.request_id = request.header("x-request-id");
  if (actor.request_id.empty()) actor.request_id = events::new_event_id();
  actor.traceparent = request.header("traceparent");
  return actor;
}

WritePath::WritePath(db::Pool& pool, const events::Outbox& outbox, std::string service)
    : pool_(pool), outbox_(outbox), service_(std::move(service)) {}

namespace {

// The key of a POST, or nullopt; throws 400 for a malformed one.
std::optional<detail::KeyScope> key_of(const http::Request& request, const auth::Principal& who) {
  if (request.method != http::Method::Post || request.headers.count("idempotency-key") == 0)
    return std::nullopt;
  std::string value = request.header("idempotency-key");
  if (!valid_idempotency_key(value)) {
    throw http::Problem::bad_request(
        "Idempotency-Key must be 1 to 255 printable ASCII characters",
        {{"Idempotency-Key", "must be 1 to 255 printable ASCII characters"}});
  }
  return detail::KeyScope{who.federation, who.subject, std::move(value)};
}

// The answer to a request whose key is already stored: the stored response, or 422.
http::Response replayed(detail::StoredResponse stored, const std::string& print) {
  if (stored.fingerprint != print) {
    throw http::Problem::unprocessable(
        "this Idempotency-Key was used with a different request (method, path or body)");
  }
  stored.response.headers.emplace_back("Idempotent-Replayed", "true");
  return std::move(stored.response);
}

}  // namespace

std::optional<http::Response> WritePath::replay(const http::Request& request,
                                                const auth::Principal& who) {
  const auto key = key_of(request, who);
  if (!key) return std::nullopt;
  auto stored = pool_.transact([&](pqxx::work& tx) { return detail::find_stored(tx, *key); });
  if (!stored) return std::nullopt;
  return replayed(std::move(*stored), detail::fingerprint(request));
}

http::Response WritePath::run(http::Request& request, const auth::Principal& who,
                              const Work& work) {
  const Actor actor = actor_of(request, who);
  const std::optional<detail::KeyScope> key = key_of(request, who);
  const std::string print = key ? detail::fingerprint(request) : std::string();
  std::string unique_violation_detail;
  try {
    http::Response response = pool_.transact([&](pqxx::work& tx) {
      if (key) {
        if (auto stored = detail::claim_key(tx, *key, print))
          return replayed(std::move(*stored), print);
      }
      UnitOfWork uow(tx, actor, outbox_);
      http::Response answer;
      try {
        answer = to_response(work(uow));
      } catch (const pqxx::unique_violation&) {
        unique_violation_detail = uow.unique_violation_detail();
        throw;
      }
      if (key) detail::store_response(tx, *key, answer);
      append_audit(tx, actor, uow.entries());
      return answer;
    });
    maybe_purge();
    return response;
  } catch (const pqxx::unique_violation&) {
    throw http::Problem::conflict(unique_violation_detail.empty()
                                      ? "a resource with these values already exists"
                                      : unique_violation_detail);
  } catch (const VersionConflict& conflict) {
    throw http::Problem::conflict(conflict.what());
  }
}

std::size_t WritePath::purge_expired_keys() {
  return pool_.transact([](pqxx::work& tx) {
    return static_cast<std::size_t>(
        tx.exec("DELETE FROM idempotency_keys WHERE created_at < now() - interval '48 hours'")
            .affected_rows());
  });
}

void WritePath::maybe_purge() {
  const std::int64_t now = steady_seconds();
  std::int64_t due = next_purge_.load();
  if (now < due || !next_purge_.compare_exchange_strong(due, now + kPurgeEverySeconds)) return;
  try {
    const auto purged = purge_expired_keys();
    if (purged > 0)
      log::info("idempotency keys purged", {{"count", static_cast<std::int64_t>(purged)}});
  } catch (const std::exception& e) {
    log::warn("idempotency key purge failed; next try in an hour",
              {{"error", db::safe_description(e)}});
  }
}

}  // namespace samverkan::writepath
