#pragma once
// The auto-marking job: a background loop in every replica; each round marks the sessions that
// are due, one session per transaction. The row lock on the session (SKIP LOCKED) makes one
// replica handle a session at a time; the session's auto-marked version and the "no mark yet"
// filter make a second run change nothing.
#include <chrono>
#include <cstddef>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/outbox.hpp>
#include <stop_token>

namespace samverkan::attendance::app {

struct AutoMarkSettings {
  std::chrono::seconds after{std::chrono::minutes(60)};  // AUTO_MARK_AFTER_MINUTES
  // Sessions that ended longer ago are left alone (AUTO_MARK_LOOKBACK_DAYS; 0 turns the job off):
  // history loaded later, or a replica that was down for long, is not swept into absences.
  std::chrono::seconds lookback{std::chrono::hours(24 * 7)};
  std::chrono::seconds interval{std::chrono::minutes(5)};  // AUTO_MARK_INTERVAL_SECONDS
};

// Reads the AUTO_MARK_* variables (docs/ARCHITECTURE.md); throws config::ConfigError if invalid.
AutoMarkSettings auto_mark_settings_from_env();

// Marks every session due now, each in its own transaction: the unmarked people there become
// excused (with an apology) or absent, source auto, through record_mark (so refusals apply, each
// mark is a revision with its event and its audit entry, by subject "samverkan-auto-marking").
// Returns how many marks it wrote.
std::size_t auto_mark_due(db::Pool& pool, const events::Outbox& outbox,
                          const AutoMarkSettings& settings);

// Runs auto_mark_due every settings.interval until stopped; a failed round is logged and retried.
void run_auto_marking(db::Pool& pool, const events::Outbox& outbox,
                      const AutoMarkSettings& settings, const std::stop_token& stop);

}  // namespace samverkan::attendance::app
