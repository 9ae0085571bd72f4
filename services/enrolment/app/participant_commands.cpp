#include "participant_commands.hpp"

#include <algorithm>
#include <map>
#include <samverkan/events/event.hpp>
#include <samverkan/writepath/row_guards.hpp>
#include <set>

#include "../domain/events.hpp"
#include "../domain/participant_events.hpp"
#include "../repo/repo.hpp"
#include "commands.hpp"

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

void check_import_cohorts(pqxx::work& tx, const Actor& actor, ImportPlan& plan) {
  std::map<std::string, bool> known;
  std::vector<ImportRow> kept;
  for (auto& row : plan.rows) {
    if (row.cohort) {
      auto [at, fresh] = known.emplace(row.cohort->str(), false);
      if (fresh) at->second = repo::find_cohort(tx, actor.federation, *row.cohort).has_value();
      if (!at->second) {
        plan.errors.push_back(
            {row.line, "cohort_id", "no such cohort (a new cohort can take a moment to arrive)"});
        continue;
      }
    }
    kept.push_back(std::move(row));
  }
  plan.rows = std::move(kept);
  std::sort(plan.errors.begin(), plan.errors.end(),
            [](const RowError& a, const RowError& b) { return a.line < b.line; });
}

Result<ImportReport> import_participants(writepath::UnitOfWork& uow,
                                         const OrganisationId& organisation, const ImportPlan& plan,
                                         const Actor& actor, bool dry_run, const NewId& new_id,
                                         Timestamp now) {
  // Another organisation, for a coordinator, looks exactly like a missing one.
  if (!actor.may_act_for(organisation) ||
      !repo::lock_organisation_for_import(uow.tx(), actor.federation, organisation)) {
    return not_found("organisation");
  }
  const auto split = split_existing(plan.rows, repo::organisation_participants_by_email(
                                                   uow.tx(), actor.federation, organisation));

  ImportReport report{plan.rows.size(), {}, {}, 0, 0};
  std::vector<EntryFactsRecord> facts;
  std::vector<std::pair<ParticipantId, CohortId>> requests;
  for (const auto& row : split.to_create) {
    const auto& p = row.participant;
    Participant next{new_id(), actor.federation, organisation, p.name, p.email,
                     p.gender, p.birth_year,     p.role,       1,      row.subject};
    facts.push_back({next.id, next.federation, next.organisation, 1, std::nullopt, row.facts});
    if (row.cohort) requests.emplace_back(next.id, *row.cohort);
    report.created.push_back(std::move(next));
  }
  const bool any_cohort = std::any_of(split.existing.begin(), split.existing.end(),
                                      [](const auto& e) { return e.first.cohort.has_value(); });
  const auto enrolled =
      any_cohort ? repo::organisation_enrolment_pairs(uow.tx(), actor.federation, organisation)
                 : std::set<std::string>{};
  for (const auto& [row, id] : split.existing) {
    report.existing_lines.push_back(row.line);
    if (!row.cohort) continue;
    if (enrolled.count(id.str() + " " + row.cohort->str())) {
      ++report.already_enrolled;
    } else {
      requests.emplace_back(id, *row.cohort);
    }
  }
  report.enrolments_requested = requests.size();
  if (dry_run) return report;

  if (!report.created.empty()) {
    uow.on_unique_violation(
        "a row's e-mail address or subject was taken by another participant meanwhile");
    repo::insert_participants(uow.tx(), report.created);
    repo::append_entry_facts(uow.tx(), facts, actor.subject, "");
    // Batched: one statement per few thousand events, not one round trip each.
    std::vector<events::PendingEvent> emitted;
    emitted.reserve(2 * report.created.size());
    for (std::size_t i = 0; i < report.created.size(); ++i) {
      emitted.push_back(events::PendingEvent::of(ParticipantRegistered{report.created[i]}));
      emitted.push_back(events::PendingEvent::of(EntryFactsRecorded{facts[i]}));
      uow.audit({"participant.registered", "participant", report.created[i].id.str(), std::nullopt,
                 1, writepath::Reason::none()});
    }
    uow.emit_all(emitted);
  }
  // Enrolment requests go through the lifecycle's own command, one by one: its rules, its event
  // and its audit entry, exactly as POST /v1/enrolments.
  for (const auto& [participant, cohort] : requests) {
    auto requested = request_enrolment(uow, participant, cohort, actor,
                                       EnrolmentId(events::new_event_id()), now);
    if (!requested.ok()) return requested.error();
  }
  return report;
}

}  // namespace samverkan::enrolment::app
