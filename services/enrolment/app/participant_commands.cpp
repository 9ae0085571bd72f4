#include "participant_commands.hpp"

#include <samverkan/writepath/row_guards.hpp>
#include <set>

#include "../domain/events.hpp"
#include "../domain/participant_events.hpp"
#include "../repo/repo.hpp"

namespace samverkan::enrolment::app {

void record_registration_facts(writepath::UnitOfWork& uow, const Participant& participant,
                               const EntryFacts& facts) {
  const EntryFactsRecord record{
      participant.id, participant.federation, participant.organisation, 1, std::nullopt, facts};
  repo::append_entry_facts(uow.tx(), {record}, uow.actor().subject, "");
  uow.emit(EntryFactsRecorded{record});
}

Result<EntryFactsRecord> record_entry_facts(writepath::UnitOfWork& uow, const ParticipantId& id,
                                            const EntryFactsCommand& command, const Actor& actor,
                                            Date today) {
  if (!writepath::lock_row(uow.tx(), "participants", actor.federation.str(), id.str())) {
    return not_found("participant");
  }
  const auto participant = repo::find_participant(uow.tx(), actor.federation, id);
  const auto current = repo::find_entry_facts(uow.tx(), actor.federation, id);
  const auto started_on = repo::participant_started_on(uow.tx(), actor.federation, id, today);
  auto decision = decide_record_entry_facts(participant, current, started_on, command, actor);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  if (!d.changed) return d.next;
  repo::append_entry_facts(uow.tx(), {d.next}, actor.subject, command.reason);
  uow.emit(EntryFactsRecorded{d.next});
  uow.audit({d.correction ? "entry_facts.corrected" : "entry_facts.recorded", "entry_facts",
             id.str(), current ? std::optional<std::int64_t>(current->version) : std::nullopt,
             d.next.version,
             command.reason.empty() ? writepath::Reason::none()
                                    : writepath::Reason::given(command.reason)});
  return d.next;
}

Result<EntryFactsRecord> entry_facts_of(pqxx::work& tx, const ParticipantId& id, const Actor& actor,
                                        Date today) {
  const auto participant = repo::find_participant(tx, actor.federation, id);
  if (!participant || !actor.may_act_for(participant->organisation)) {
    return not_found("participant");
  }
  auto current = repo::find_entry_facts(tx, actor.federation, id);
  if (!current) return not_found("entry facts");
  current->frozen_on = repo::participant_started_on(tx, actor.federation, id, today);
  return *current;
}

Result<Participant> link_subject(writepath::UnitOfWork& uow, const ParticipantId& id,
                                 const std::optional<std::string>& subject, const Actor& actor) {
  if (!writepath::lock_row(uow.tx(), "participants", actor.federation.str(), id.str())) {
    return not_found("participant");
  }
  const auto current = repo::find_participant(uow.tx(), actor.federation, id);
  auto decision = decide_link_subject(current, subject, actor);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  if (!d.changed) return d.next;
  uow.on_unique_violation("another participant is already linked to this subject");
  if (!repo::update_participant_subject(uow.tx(), d.next, current->version)) {
    return conflict("the participant changed meanwhile; read it again and retry");
  }
  uow.emit(d.event);
  uow.audit({subject ? "participant.linked" : "participant.unlinked", "participant", id.str(),
             current->version, d.next.version, writepath::Reason::none()});
  return d.next;
}

Result<ImportReport> import_participants(writepath::UnitOfWork& uow,
                                         const OrganisationId& organisation, const ImportPlan& plan,
                                         const Actor& actor, bool dry_run, const NewId& new_id) {
  // Another organisation, for a coordinator, looks exactly like a missing one.
  if (!actor.may_act_for(organisation) ||
      !repo::lock_organisation_for_import(uow.tx(), actor.federation, organisation)) {
    return not_found("organisation");
  }
  const auto emails = repo::organisation_emails(uow.tx(), actor.federation, organisation);
  const auto split = split_existing(plan.rows, std::set<std::string>(emails.begin(), emails.end()));

  ImportReport report{plan.rows.size(), {}, split.existing_lines};
  std::vector<EntryFactsRecord> facts;
  for (const auto& row : split.to_create) {
    const auto& p = row.participant;
    Participant next{new_id(), actor.federation, organisation, p.name, p.email,
                     p.gender, p.birth_year,     p.role,       1,      row.subject};
    facts.push_back({next.id, next.federation, next.organisation, 1, std::nullopt, row.facts});
    report.created.push_back(std::move(next));
  }
  if (dry_run || report.created.empty()) return report;

  uow.on_unique_violation(
      "a participant in the file has a subject another participant is already linked to");
  repo::insert_participants(uow.tx(), report.created);
  repo::append_entry_facts(uow.tx(), facts, actor.subject, "");
  // Batched: one statement per few thousand events, not one round trip each.
  std::vector<events::PendingEvent> emitted;
  emitted.reserve(2 * report.created.size());
  for (std::size_t i = 0; i < report.created.size(); ++i) {
    emitted.push_back(events::PendingEvent::of(ParticipantRegistered{report.created[i]}));
    emitted.push_back(events::PendingEvent::of(EntryFactsRecorded{facts[i]}));
    uow.audit({"participant.registered", "participant", report.created[i].id.str(), std::nullopt, 1,
               writepath::Reason::none()});
  }
  uow.emit_all(emitted);
  return report;
}

}  // namespace samverkan::enrolment::app
