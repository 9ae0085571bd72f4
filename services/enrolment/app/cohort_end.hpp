#pragma once
// The cohort-end job (issue 7 section 6): a background loop in every replica; each round gives
// every approved enrolment of a cohort that has ended left_on = the cohort's ends_on, one
// enrolment per transaction, as a normal transition (enrolment.changed with the next version, one
// audit entry "enrolment.ended" by subject "samverkan-cohort-end"). The row lock (SKIP LOCKED)
// makes one replica handle an enrolment at a time; the "no left_on yet" filter makes a second run
// change nothing.
#include <chrono>
#include <cstddef>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/outbox.hpp>
#include <stop_token>

#include "../domain/time.hpp"

namespace samverkan::enrolment::app {

struct CohortEndSettings {
  // COHORT_END_INTERVAL_SECONDS; 0 turns the job off.
  std::chrono::seconds interval{std::chrono::hours(1)};
};

// Reads COHORT_END_INTERVAL_SECONDS (docs/ARCHITECTURE.md); throws config::ConfigError if invalid.
CohortEndSettings cohort_end_settings_from_env();

// Ends every enrolment due at `now`, each in its own transaction; returns how many it changed.
std::size_t end_ended_cohorts(db::Pool& pool, const events::Outbox& outbox, Timestamp now);

// Runs end_ended_cohorts every settings.interval until stopped; a failed round is logged and
// retried.
void run_cohort_end(db::Pool& pool, const events::Outbox& outbox, const CohortEndSettings& settings,
                    const std::stop_token& stop);

}  // namespace samverkan::enrolment::app
