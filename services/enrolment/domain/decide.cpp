#include "decide.hpp"

namespace samverkan::enrolment {

namespace {
// The next state after a change: one version further, stamped with when it changed.
Enrolment advanced(const Enrolment& current, Timestamp now) {
  Enrolment next = current;
  next.version = current.version + 1;
  next.changed_at = now;
  return next;
}

// Another federation's aggregate, or another organisation's for a coordinator, must look
// exactly like a missing one.
bool visible(const Enrolment& enrolment, const Actor& actor) {
  return enrolment.federation == actor.federation && actor.may_act_for(enrolment.organisation);
}
}  // namespace

Result<OrganisationDecision> decide_register_organisation(const NewOrganisation& o,
                                                          const Actor& actor,
                                                          const OrganisationId& new_id) {
  if (!actor.has(auth::Role::FederationAdmin)) {
    return forbidden("only the federation's administrators register organisations");
  }
  Organisation next{new_id, actor.federation, o.name, o.org_number, o.type, 1};
  return OrganisationDecision{next, OrganisationRegistered{next}};
}

Result<ParticipantDecision> decide_register_participant(const NewParticipant& p, const Actor& actor,
                                                        bool organisation_exists,
                                                        const ParticipantId& new_id) {
  if (!actor.may_act_for(p.organisation_id)) {
    return forbidden("you may only register participants of your own organisation");
  }
  if (!organisation_exists) return invalid("organisation_id", "no such organisation");
  Participant next{new_id,       actor.federation, p.organisation_id,
                   p.name,       p.email,          p.gender,
                   p.birth_year, p.role,           1};
  return ParticipantDecision{next, ParticipantRegistered{next}};
}

Result<RequestDecision> decide_request_enrolment(const std::optional<Participant>& participant,
                                                 const std::optional<Cohort>& cohort,
                                                 const Actor& actor, const EnrolmentId& new_id,
                                                 Timestamp now) {
  if (!participant || participant->federation != actor.federation ||
      !actor.may_act_for(participant->organisation)) {
    return invalid("participant_id", "no such participant");
  }
  if (!cohort || cohort->federation != actor.federation) {
    return invalid("cohort_id", "no such cohort (a new cohort can take a moment to arrive)");
  }
  Enrolment next;
  next.id = new_id;
  next.federation = actor.federation;
  next.participant = participant->id;
  next.organisation = participant->organisation;
  next.cohort = cohort->id;
  next.status = EnrolmentStatus::Pending;
  next.stage = Stage::Organisation;
  next.requested_at = now;
  next.changed_at = now;
  next.version = 1;
  return RequestDecision{next, EnrolmentRequested{next}};
}

Result<Transition> decide_approve(const Enrolment& current, const Actor& actor, Timestamp now) {
  if (!visible(current, actor)) return not_found("enrolment");
  if (current.status == EnrolmentStatus::Approved) {
    return conflict("the enrolment is already approved");
  }
  if (current.status != EnrolmentStatus::Pending) {
    return conflict("only a pending enrolment can be approved; this one is " +
                    std::string(to_string(current.status)));
  }
  Enrolment next = advanced(current, now);
  next.status = EnrolmentStatus::Approved;
  next.stage.reset();
  next.approved_at = now;
  next.approved_by = actor.subject;
  return Transition{next, EnrolmentChanged{next}, EnrolmentApproved{next}};
}

Result<Transition> decide_withdraw(const Enrolment& current, const Cohort& cohort,
                                   const Withdrawal& command, const Actor& actor, Timestamp now) {
  if (!visible(current, actor)) return not_found("enrolment");
  if (current.status != EnrolmentStatus::Pending && current.status != EnrolmentStatus::Approved) {
    return conflict("only a pending or approved enrolment can be withdrawn; this one is " +
                    std::string(to_string(current.status)));
  }
  if (command.left_on < cohort.starts_on || command.left_on > cohort.ends_on) {
    return invalid("left_on", "must lie within the cohort's dates, " +
                                  format_date(cohort.starts_on) + " to " +
                                  format_date(cohort.ends_on));
  }
  if (command.left_on < day_of(now)) {
    return invalid("left_on", "must not be before the day of the withdrawal (no backdating)");
  }
  Enrolment next = advanced(current, now);
  next.status = EnrolmentStatus::Withdrawn;
  next.stage.reset();
  next.left_on = command.left_on;
  return Transition{next, EnrolmentChanged{next}, std::nullopt};
}

}  // namespace samverkan::enrolment
