#pragma once
// Sensitive categories inside one unit of work (ADR 0070): recording a participant's facts, and
// republishing a cohort's counts whenever something moved them. Values never leave the table:
// events carry counts, audit entries ids and versions.
#include <samverkan/writepath/unit_of_work.hpp>

#include "../domain/sensitive_facts.hpp"

namespace samverkan::enrolment::app {

// Locks the participant's row, decides, stores the facts with one audit entry
// (sensitive_facts.recorded, no reason) and refreshes the counts of every cohort where the
// participant's enrolment is approved.
Result<SensitiveFactsRecord> record_sensitive_facts(writepath::UnitOfWork& uow,
                                                    const ParticipantId& id,
                                                    const SensitiveFacts& facts,
                                                    const Actor& actor, Timestamp now);

struct SensitiveFactsView {
  SensitiveFactsRecord record;  // version 0: nothing recorded (every category not asked)
  bool collected = false;       // whether a current enrolment's programme enables them
};
// 404 unless the actor may see the participant's sensitive facts (may_see_sensitive_facts).
Result<SensitiveFactsView> sensitive_facts_of(pqxx::work& tx, const ParticipantId& id,
                                              const Actor& actor);

// Recounts the cohort's approved enrolments under its counts lock and, when the counts moved,
// stores and emits sensitive_counts.changed with the next version. Nothing for a cohort whose
// programme does not collect sensitive categories. Called in the transaction of every change that
// can move a count.
void refresh_sensitive_counts(writepath::UnitOfWork& uow, const FederationId& fed,
                              const CohortId& cohort, Timestamp now);

}  // namespace samverkan::enrolment::app
