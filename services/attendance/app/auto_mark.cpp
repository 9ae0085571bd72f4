#include "auto_mark.hpp"

#include <condition_variable>
#include <mutex>
#include <samverkan/config/env.hpp>
#include <samverkan/db/errors.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/log/log.hpp>
#include <samverkan/writepath/audit_log.hpp>

#include "../domain/auto_mark.hpp"
#include "../repo/auto_mark_repo.hpp"
#include "record_mark.hpp"

namespace samverkan::attendance::app {

namespace {

constexpr const char* kSubject = "samverkan-auto-marking";

// One due session in one transaction; nullopt when none is due.
std::optional<std::size_t> mark_next_session(db::Pool& pool, const events::Outbox& outbox,
                                             const AutoMarkSettings& settings) {
  return pool.transact([&](pqxx::work& tx) -> std::optional<std::size_t> {
    const auto session = repo::lock_due_session(tx, settings.after, settings.lookback);
    if (!session) return std::nullopt;
    const writepath::Actor actor{
        kSubject, {}, session->federation.str(), events::new_event_id(), ""};
    writepath::UnitOfWork uow(tx, actor, outbox);
    std::size_t marked = 0;
    for (const auto& person : repo::unmarked_participants(tx, *session)) {
      const MarkCommand command{session->id, person.participant, auto_mark(person.apologised),
                                ids::RecordId(events::new_event_id()), events::now_rfc3339()};
      const auto decision = record_mark(uow, command);
      if (decision && std::holds_alternative<Recorded>(*decision)) ++marked;
    }
    repo::finish_session(tx, *session);
    writepath::append_audit(tx, actor, uow.entries());
    return marked;
  });
}

}  // namespace

AutoMarkSettings auto_mark_settings_from_env() {
  config::Env env;
  AutoMarkSettings settings;
  settings.after = std::chrono::minutes(env.integer("AUTO_MARK_AFTER_MINUTES", 60, 0, 10080));
  settings.lookback = std::chrono::hours(24 * env.integer("AUTO_MARK_LOOKBACK_DAYS", 7, 0, 3650));
  settings.interval =
      std::chrono::seconds(env.integer("AUTO_MARK_INTERVAL_SECONDS", 300, 1, 86400));
  env.finish();
  return settings;
}

std::size_t auto_mark_due(db::Pool& pool, const events::Outbox& outbox,
                          const AutoMarkSettings& settings) {
  std::size_t marked = 0;
  while (const auto count = mark_next_session(pool, outbox, settings)) marked += *count;
  return marked;
}

void run_auto_marking(db::Pool& pool, const events::Outbox& outbox,
                      const AutoMarkSettings& settings, const std::stop_token& stop) {
  if (settings.lookback.count() == 0) return;  // turned off
  std::mutex mutex;
  std::condition_variable_any wake;
  while (!stop.stop_requested()) {
    try {
      if (const auto marked = auto_mark_due(pool, outbox, settings); marked > 0)
        log::info("auto-marking wrote marks", {{"marks", std::to_string(marked)}});
    } catch (const std::exception& e) {
      // Nothing of the failed session was committed; the next round takes it again.
      log::warn("auto-marking failed; retrying", {{"error", db::safe_description(e)}});
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, settings.interval, [] { return false; });
  }
}

}  // namespace samverkan::attendance::app
