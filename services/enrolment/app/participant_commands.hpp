#pragma once
// Participant-side commands inside one unit of work: entry facts, the login link and the bulk
// import (ADR 0060-0062). Each loads, lets a pure decision in domain/ rule, stores, emits and
// audits, as app/commands.hpp does for the enrolment lifecycle.
#include <functional>
#include <samverkan/writepath/unit_of_work.hpp>
#include <string>
#include <vector>

#include "../domain/entry_facts.hpp"
#include "../domain/participant_import.hpp"
#include "../domain/participant_link.hpp"

namespace samverkan::enrolment::app {

// The first entry facts of a participant registered in this unit of work (version 1); part of the
// registration, so no audit entry of its own.
void record_registration_facts(writepath::UnitOfWork& uow, const Participant& participant,
                               const EntryFacts& facts);

// Locks the participant's row, so concurrent changes of its facts queue and each sees the last.
// A change after the start is audited as entry_facts.corrected with its reason; before it as
// entry_facts.recorded. `today` decides whether the participant has started.
Result<EntryFactsRecord> record_entry_facts(writepath::UnitOfWork& uow, const ParticipantId& id,
                                            const EntryFactsCommand& command, const Actor& actor,
                                            Date today);

// The facts with frozen_on as of today (the start date once started, even before a correction).
Result<EntryFactsRecord> entry_facts_of(pqxx::work& tx, const ParticipantId& id, const Actor& actor,
                                        Date today);

// Sets or removes the participant's login subject; 409 when another participant has it.
Result<Participant> link_subject(writepath::UnitOfWork& uow, const ParticipantId& id,
                                 const std::optional<std::string>& subject, const Actor& actor);

struct ImportReport {
  std::size_t rows = 0;                     // good rows read
  std::vector<Participant> created;         // would be created, for a dry run
  std::vector<std::size_t> existing_lines;  // rows the organisation already has: left as they are
  std::size_t enrolments_requested = 0;     // rows with a cohort_id not yet enrolled there
  std::size_t already_enrolled = 0;         // rows with a cohort_id the person is enrolled in
};
using NewId = std::function<ParticipantId()>;

// Rows naming a cohort that is not in the actor's federation's replica move from plan.rows to
// plan.errors (line, cohort_id). Cohorts are never removed from the replica, so the check holds
// for the write that follows.
void check_import_cohorts(pqxx::work& tx, const Actor& actor, ImportPlan& plan);

// All or nothing: `plan` must have no errors (the caller answers 422 otherwise). The organisation
// must be one the actor may act for and exist in its federation (404 otherwise). Imports into one
// organisation run one after the other (repo::lock_organisation_for_import), so the second finds
// the first's participants. A dry run decides the same and writes nothing. One
// participant.registered audit entry per participant created; an import that creates nobody writes
// nothing. A row with a cohort_id also requests an enrolment of its person (new or existing) in
// that cohort through request_enrolment (its rules, event and audit entry), unless the person is
// already enrolled there.
Result<ImportReport> import_participants(writepath::UnitOfWork& uow,
                                         const OrganisationId& organisation, const ImportPlan& plan,
                                         const Actor& actor, bool dry_run, const NewId& new_id,
                                         Timestamp now);

}  // namespace samverkan::enrolment::app
