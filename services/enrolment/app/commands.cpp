#include "commands.hpp"

#include "../repo/repo.hpp"

namespace samverkan::enrolment::app {

namespace {
// Stores a transition decided from `from_version` and appends its events.
Result<Enrolment> apply(pqxx::work& tx, const Effects& fx, const Transition& t,
                        std::int64_t from_version) {
  if (!repo::update_enrolment(tx, t.next, from_version)) {
    return conflict("the enrolment changed meanwhile; read it again and retry");
  }
  fx.outbox.append(tx, t.changed, fx.traceparent);
  if (t.approved) fx.outbox.append(tx, *t.approved, fx.traceparent);
  return t.next;
}
}  // namespace

Result<Organisation> register_organisation(pqxx::work& tx, const Effects& fx,
                                           const NewOrganisation& o, const Actor& actor,
                                           const OrganisationId& new_id) {
  auto decision = decide_register_organisation(o, actor, new_id);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  repo::insert_organisation(tx, d.next);
  fx.outbox.append(tx, d.registered, fx.traceparent);
  return d.next;
}

Result<Participant> register_participant(pqxx::work& tx, const Effects& fx, const NewParticipant& p,
                                         const Actor& actor, const ParticipantId& new_id) {
  // The organisation is looked up only for someone who may act for it, so a coordinator cannot
  // probe which organisations exist.
  const bool exists = actor.may_act_for(p.organisation_id) &&
                      repo::find_organisation(tx, actor.federation, p.organisation_id).has_value();
  auto decision = decide_register_participant(p, actor, exists, new_id);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  repo::insert_participant(tx, d.next);
  fx.outbox.append(tx, d.registered, fx.traceparent);
  return d.next;
}

Result<Enrolment> request_enrolment(pqxx::work& tx, const Effects& fx,
                                    const ParticipantId& participant, const CohortId& cohort,
                                    const Actor& actor, const EnrolmentId& new_id, Timestamp now) {
  auto decision =
      decide_request_enrolment(repo::find_participant(tx, actor.federation, participant),
                               repo::find_cohort(tx, actor.federation, cohort), actor, new_id, now);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  repo::insert_enrolment(tx, d.next);
  fx.outbox.append(tx, d.requested, fx.traceparent);
  return d.next;
}

Result<Enrolment> approve_enrolment(pqxx::work& tx, const Effects& fx, const EnrolmentId& id,
                                    const Actor& actor, const Clock& clock) {
  const auto current = repo::find_enrolment(tx, actor.federation, id, repo::Lock::ForUpdate);
  if (!current) return not_found("enrolment");
  auto decision = decide_approve(*current, actor, clock());
  if (!decision.ok()) return decision.error();
  return apply(tx, fx, decision.value(), current->version);
}

Result<Enrolment> withdraw_enrolment(pqxx::work& tx, const Effects& fx, const EnrolmentId& id,
                                     const Withdrawal& command, const Actor& actor,
                                     const Clock& clock) {
  const auto current = repo::find_enrolment(tx, actor.federation, id, repo::Lock::ForUpdate);
  if (!current) return not_found("enrolment");
  // The enrolment's cohort is in the replica (a foreign key holds it there).
  const auto cohort = repo::find_cohort(tx, actor.federation, current->cohort);
  if (!cohort) return not_found("enrolment");
  auto decision = decide_withdraw(*current, *cohort, command, actor, clock());
  if (!decision.ok()) return decision.error();
  return apply(tx, fx, decision.value(), current->version);
}

}  // namespace samverkan::enrolment::app
