#include "cohort_end.hpp"

#include <condition_variable>
#include <mutex>
#include <samverkan/config/env.hpp>
#include <samverkan/db/errors.hpp>
#include <samverkan/events/event.hpp>
#include <samverkan/log/log.hpp>
#include <samverkan/writepath/audit_log.hpp>
#include <stdexcept>

#include "../repo/repo.hpp"
#include "commands.hpp"

namespace samverkan::enrolment::app {

namespace {

constexpr const char* kSubject = "samverkan-cohort-end";

// The next due enrolment in one transaction: true when one was ended, false when none is due.
bool end_next(db::Pool& pool, const events::Outbox& outbox, Timestamp now) {
  return pool.transact([&](pqxx::work& tx) {
    const auto current = repo::lock_next_ended_enrolment(tx, day_of(now));
    if (!current) return false;
    const auto cohort = repo::find_cohort(tx, current->federation, current->cohort);
    if (!cohort) throw std::logic_error("an enrolment's cohort is missing from the replica");
    const writepath::Actor actor{
        kSubject, {}, current->federation.str(), events::new_event_id(), ""};
    writepath::UnitOfWork uow(tx, actor, outbox);
    if (!end_with_cohort(uow, *current, *cohort, now)) {
      throw std::logic_error("a locked enrolment due to end did not end");
    }
    writepath::append_audit(tx, actor, uow.entries());
    return true;
  });
}

}  // namespace

CohortEndSettings cohort_end_settings_from_env() {
  config::Env env;
  CohortEndSettings settings;
  settings.interval =
      std::chrono::seconds(env.integer("COHORT_END_INTERVAL_SECONDS", 3600, 0, 86400));
  env.finish();
  return settings;
}

std::size_t end_ended_cohorts(db::Pool& pool, const events::Outbox& outbox, Timestamp now) {
  std::size_t ended = 0;
  while (end_next(pool, outbox, now)) ++ended;
  return ended;
}

void run_cohort_end(db::Pool& pool, const events::Outbox& outbox, const CohortEndSettings& settings,
                    const std::stop_token& stop) {
  if (settings.interval.count() == 0) return;  // turned off
  std::mutex mutex;
  std::condition_variable_any wake;
  while (!stop.stop_requested()) {
    try {
      const auto now =
          std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
      if (const auto ended = end_ended_cohorts(pool, outbox, now); ended > 0)
        log::info("cohort end set leaving dates", {{"enrolments", std::to_string(ended)}});
    } catch (const std::exception& e) {
      // Nothing of the failed enrolment was committed; the next round takes it again.
      log::warn("cohort end failed; retrying", {{"error", db::safe_description(e)}});
    }
    std::unique_lock lock(mutex);
    wake.wait_for(lock, stop, settings.interval, [] { return false; });
  }
}

}  // namespace samverkan::enrolment::app
