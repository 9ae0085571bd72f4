#include "commands.hpp"

#include <algorithm>
#include <stdexcept>

#include "../repo/repo.hpp"
#include "sensitive_commands.hpp"

namespace samverkan::enrolment::app {

namespace {
writepath::AuditEntry created(const char* action, const char* entity_type, const std::string& id) {
  return {action, entity_type, id, std::nullopt, 1, writepath::Reason::none()};
}

// Stores a transition decided from `current`, emits its events and records its audit entry. An
// enrolment entering or leaving `approved` moves its cohort's sensitive counts (ADR 0070): they are
// republished in the same transaction.
Result<Enrolment> apply(writepath::UnitOfWork& uow, const Transition& t, const Enrolment& current,
                        const char* action, writepath::Reason reason) {
  if (!repo::update_enrolment(uow.tx(), t.next, current.version)) {
    return conflict("the enrolment changed meanwhile; read it again and retry");
  }
  uow.emit(t.changed);
  if (t.approved) uow.emit(*t.approved);
  uow.audit(
      {action, "enrolment", t.next.id.str(), current.version, t.next.version, std::move(reason)});
  if ((current.status == EnrolmentStatus::Approved) !=
      (t.next.status == EnrolmentStatus::Approved)) {
    refresh_sensitive_counts(uow, t.next.federation, t.next.cohort, t.next.changed_at);
  }
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

namespace {
// Stores a new enrolment (its first state) with its first event and audit entry; a second
// enrolment of the participant in the cohort is the unique violation `clash` describes (409).
template <class Event>
Enrolment insert_new(writepath::UnitOfWork& uow, const Enrolment& next, const Event& event,
                     const char* action, const char* clash) {
  uow.on_unique_violation(clash);
  repo::insert_enrolment(uow.tx(), next);
  uow.emit(event);
  uow.audit(created(action, "enrolment", next.id.str()));
  return next;
}
}  // namespace

Result<Enrolment> request_enrolment(writepath::UnitOfWork& uow, const ParticipantId& participant,
                                    const CohortId& cohort, const Actor& actor,
                                    const EnrolmentId& new_id, Timestamp now) {
  auto decision = decide_request_enrolment(
      repo::find_participant(uow.tx(), actor.federation, participant),
      repo::find_cohort(uow.tx(), actor.federation, cohort),
      repo::find_policy(uow.tx(), actor.federation, cohort), actor, new_id, now);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  return insert_new(uow, d.next, d.requested, "enrolment.requested",
                    "the participant is already enrolled in this cohort");
}

Result<Enrolment> register_interest(writepath::UnitOfWork& uow, const ParticipantId& participant,
                                    const CohortId& cohort, const Actor& actor,
                                    const EnrolmentId& new_id, Timestamp now) {
  auto decision = decide_register_interest(
      repo::find_participant(uow.tx(), actor.federation, participant),
      repo::find_cohort(uow.tx(), actor.federation, cohort), actor, new_id, now);
  if (!decision.ok()) return decision.error();
  const auto& d = decision.value();
  return insert_new(uow, d.next, d.changed, "enrolment.interest_registered",
                    "the participant already has interest or an enrolment in this cohort");
}

namespace {
// Lets in from the waitlist every enrolment the freed seats now fit, each as its own change with
// its own event and audit entry. The policy's row must be locked by the caller.
void promote_waitlisted(writepath::UnitOfWork& uow, const EnrolmentPolicy& policy, Timestamp now) {
  const auto queue = repo::lock_waitlist(uow.tx(), policy.federation, policy.cohort);
  const auto admitted =
      promotions(policy, repo::seat_usage(uow.tx(), policy.federation, policy.cohort), queue);
  for (const auto& id : admitted) {
    const auto it =
        std::find_if(queue.begin(), queue.end(), [&](const Enrolment& e) { return e.id == id; });
    auto decision = decide_promote(
        *it, now, repo::starts_on_approval(uow.tx(), policy.federation, policy.cohort));
    if (!decision.ok()) continue;  // unreachable: the queue holds waitlisted rows only, locked
    auto stored =
        apply(uow, decision.value(), *it, "enrolment.promoted", writepath::Reason::none());
    if (!stored.ok()) throw std::logic_error("a locked waitlisted enrolment changed meanwhile");
  }
}

std::optional<Enrolment> locked(writepath::UnitOfWork& uow, const Actor& actor,
                                const EnrolmentId& id) {
  return repo::find_enrolment(uow.tx(), actor.federation, id, repo::Lock::ForUpdate);
}
}  // namespace

Result<Enrolment> approve_enrolment(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                    const Actor& actor, const Clock& clock) {
  const auto current = locked(uow, actor, id);
  if (!current) return not_found("enrolment");
  // Seats are counted under the cohort policy's lock, taken only when the enrolment is pending:
  // whatever its stage, the policy then says whether this approval is the final one.
  EnrolmentPolicy policy = repo::find_policy(uow.tx(), actor.federation, current->cohort);
  SeatUsage usage;
  std::int64_t position = 1;
  if (current->status == EnrolmentStatus::Pending && current->stage &&
      !next_stage(policy, *current->stage)) {
    policy = repo::lock_policy(uow.tx(), actor.federation, current->cohort);
    usage = repo::seat_usage(uow.tx(), actor.federation, current->cohort);
    position = repo::waitlist_position(uow.tx(), *current);
  }
  auto decision =
      decide_approve(*current, actor,
                     {policy, usage, position,
                      repo::starts_on_approval(uow.tx(), actor.federation, current->cohort)},
                     clock());
  if (!decision.ok()) return decision.error();
  return apply(uow, decision.value(), *current, "enrolment.approved", writepath::Reason::none());
}

Result<Enrolment> request_from_interest(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                        const Actor& actor, const Clock& clock) {
  const auto current = locked(uow, actor, id);
  if (!current) return not_found("enrolment");
  auto decision = decide_request_from_interest(
      *current, actor, repo::find_policy(uow.tx(), actor.federation, current->cohort), clock());
  if (!decision.ok()) return decision.error();
  return apply(uow, decision.value(), *current, "enrolment.requested", writepath::Reason::none());
}

Result<Enrolment> reject_enrolment(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                   const std::string& reason, const Actor& actor,
                                   const Clock& clock) {
  const auto current = locked(uow, actor, id);
  if (!current) return not_found("enrolment");
  auto decision = decide_reject(*current, actor, clock());
  if (!decision.ok()) return decision.error();
  return apply(uow, decision.value(), *current, "enrolment.rejected",
               writepath::Reason::given(reason));
}

Result<Enrolment> withdraw_enrolment(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                     const Withdrawal& command, const Actor& actor,
                                     const Clock& clock) {
  const auto current = locked(uow, actor, id);
  if (!current) return not_found("enrolment");
  // The enrolment's cohort is in the replica (a foreign key holds it there).
  const auto cohort = repo::find_cohort(uow.tx(), actor.federation, current->cohort);
  if (!cohort) return not_found("enrolment");
  const bool frees_seat = current->status == EnrolmentStatus::Approved;
  // Lock the policy before deciding, so the seat is freed and refilled in one step.
  const auto policy = frees_seat ? repo::lock_policy(uow.tx(), actor.federation, current->cohort)
                                 : EnrolmentPolicy{};
  const auto now = clock();
  auto decision = decide_withdraw(*current, *cohort, command, actor, now);
  if (!decision.ok()) return decision.error();
  auto withdrawn = apply(uow, decision.value(), *current, "enrolment.withdrawn",
                         writepath::Reason::given(command.reason));
  if (withdrawn.ok() && frees_seat) promote_waitlisted(uow, policy, now);
  return withdrawn;
}

Result<EnrolmentPolicy> set_policy(writepath::UnitOfWork& uow, const CohortId& cohort,
                                   const PolicyChange& change, const Actor& actor,
                                   const Clock& clock) {
  if (!repo::find_cohort(uow.tx(), actor.federation, cohort)) return not_found("cohort");
  const auto current = repo::lock_policy(uow.tx(), actor.federation, cohort);
  std::vector<OrganisationId> named;
  for (const auto& entry : change.organisation_quotas) named.push_back(entry.first);
  auto decision =
      decide_policy_change(current, change, repo::seat_usage(uow.tx(), actor.federation, cohort),
                           repo::unknown_organisations(uow.tx(), actor.federation, named), actor);
  if (!decision.ok()) return decision.error();
  const auto& next = decision.value();
  repo::store_policy(uow.tx(), next);
  uow.audit({"enrolment_policy.set", "cohort", cohort.str(), current.version, next.version,
             writepath::Reason::none()});
  // A higher capacity or quota can let waiting people in.
  promote_waitlisted(uow, next, clock());
  return next;
}

Result<Enrolment> choose_modules(writepath::UnitOfWork& uow, const EnrolmentId& id,
                                 const std::vector<ModuleId>& module_ids, const Actor& actor,
                                 const Clock& clock) {
  const auto current = locked(uow, actor, id);
  if (!current) return not_found("enrolment");
  const auto catalogue = repo::find_catalogue(uow.tx(), actor.federation, current->cohort);
  if (!catalogue) return not_found("enrolment");
  auto decision = decide_choose_modules(*current, actor, *catalogue, module_ids, clock());
  if (!decision.ok()) return decision.error();
  return apply(uow, decision.value(), *current, "enrolment.modules_chosen",
               writepath::Reason::none());
}

void record_start(writepath::UnitOfWork& uow, const FederationId& fed,
                  const ParticipantId& participant, const CohortId& cohort, Timestamp now) {
  const auto current =
      repo::find_enrolment_of(uow.tx(), fed, participant, cohort, repo::Lock::ForUpdate);
  if (!current) return;  // a mark for someone enrolment does not know: nothing to start
  const auto transition =
      decide_start(*current, repo::first_attended_day(uow.tx(), fed, participant, cohort),
                   repo::starts_on_approval(uow.tx(), fed, cohort), now);
  if (!transition) return;
  auto stored = apply(uow, *transition, *current, "enrolment.started", writepath::Reason::none());
  if (!stored.ok()) throw std::logic_error("a locked enrolment changed meanwhile");
}

bool end_with_cohort(writepath::UnitOfWork& uow, const Enrolment& current, const Cohort& cohort,
                     Timestamp now) {
  const auto transition = decide_cohort_end(current, cohort, now);
  if (!transition) return false;
  return apply(uow, *transition, current, "enrolment.ended", writepath::Reason::none()).ok();
}

}  // namespace samverkan::enrolment::app
