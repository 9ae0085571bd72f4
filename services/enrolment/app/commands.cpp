#include "commands.hpp"

#include "../repo/repo.hpp"

namespace samverkan::enrolment::app {

namespace {
writepath::AuditEntry created(const char* action, const char* entity_type, const std::string& id) {
  return {action, entity_type, id, std::nullopt, 1, writepath::Reason::none()};
}

// Stores a transition decided from `current`, emits its events and records its audit entry.
Result<Enrolment> apply(writepath::UnitOfWork& uow, const Transition& t, const Enrolment& current,
                        const char* action, writepath::Reason reason) {
  if (!repo::update_enrolment(uow.tx(), t.next, current.version)) {
    return conflict("the enrolment changed meanwhile; read it again and retry");
  }
  uow.emit(t.changed);
  if (t.approved) uow.emit(*t.approved);
  uow.audit(
      {action, "enrolment", t.next.id.str(), current.version, t.next.version, std::move(reason)});
  return t.next;
}
}  // namespace

Result<Organisation> register_organisation(writepath::UnitOfWork& uow, const NewOrganisation& o,
                                           const Actor& actor, const OrganisationId& new_id) {
  auto decision = decide_register_organisation(o, actor, new_id);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  uow.on_unique_violation("an organisation with this organisation number is already registered");
  repo::insert_organisation(uow.tx(), d.next);
  uow.emit(d.registered);
  uow.audit(created("organisation.registered", "organisation", d.next.id.str()));
  return d.next;
}

Result<Participant> register_participant(writepath::UnitOfWork& uow, const NewParticipant& p,
                                         const Actor& actor, const ParticipantId& new_id) {
  // The organisation is looked up only for someone who may act for it, so a coordinator cannot
  // probe which organisations exist.
  const bool exists =
      actor.may_act_for(p.organisation_id) &&
      repo::find_organisation(uow.tx(), actor.federation, p.organisation_id).has_value();
  auto decision = decide_register_participant(p, actor, exists, new_id);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  // E-mail addresses are unique per organisation (ADR 0038): the clash is with a participant the
  // caller may already see, so the answer reveals nothing about other organisations.
  uow.on_unique_violation(
      "a participant of this organisation is already registered with this e-mail address");
  repo::insert_participant(uow.tx(), d.next);
  uow.emit(d.registered);
  uow.audit(created("participant.registered", "participant", d.next.id.str()));
  return d.next;
}

Result<Enrolment> request_enrolment(writepath::UnitOfWork& uow, const ParticipantId& participant,
                                    const CohortId& cohort, const Actor& actor,
                                    const EnrolmentId& new_id, Timestamp now) {
  auto decision = decide_request_enrolment(
      repo::find_participant(uow.tx(), actor.federation, participant),
      repo::find_cohort(uow.tx(), actor.federation, cohort), actor, new_id, now);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  uow.on_unique_violation("the participant is already enrolled in this cohort");
  repo::insert_enrolment(uow.tx(), d.next);
  uow.emit(d.requested);
  uow.audit(created("enrolment.requested", "enrolment", d.next.id.str()));
  return d.next;
}

Result<Enrolment> approve_enrolment(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                    const Actor& actor, const Clock& clock) {
  const auto current = repo::find_enrolment(uow.tx(), actor.federation, id, repo::Lock::ForUpdate);
  if (!current) return not_found("enrolment");
  auto decision = decide_approve(*current, actor, clock());
  if (!decision.ok()) return decision.error();
  return apply(uow, decision.value(), *current, "enrolment.approved", writepath::Reason::none());
}

Result<Enrolment> withdraw_enrolment(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                     const Withdrawal& command, const Actor& actor,
                                     const Clock& clock) {
  const auto current = repo::find_enrolment(uow.tx(), actor.federation, id, repo::Lock::ForUpdate);
  if (!current) return not_found("enrolment");
  // The enrolment's cohort is in the replica (a foreign key holds it there).
  const auto cohort = repo::find_cohort(uow.tx(), actor.federation, current->cohort);
  if (!cohort) return not_found("enrolment");
  auto decision = decide_withdraw(*current, *cohort, command, actor, clock());
  if (!decision.ok()) return decision.error();
  return apply(uow, decision.value(), *current, "enrolment.withdrawn",
               writepath::Reason::given(command.reason));
}

}  // namespace samverkan::enrolment::app
