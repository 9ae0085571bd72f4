#include "decide.hpp"

namespace samverkan::enrolment {

Enrolment advanced(const Enrolment& current, Timestamp now) {
  Enrolment next = current;
  next.waitlist_position.reset();
  next.version = current.version + 1;
  next.changed_at = now;
  return next;
}

namespace {

// Another federation's aggregate, or another organisation's for a coordinator, or anyone else's
// for a participant, must look exactly like a missing one.
bool managed(const Enrolment& enrolment, const Actor& actor) {
  return enrolment.federation == actor.federation && actor.may_act_for(enrolment.organisation);
}
bool visible(const Enrolment& enrolment, const Actor& actor) {
  return managed(enrolment, actor) ||
         (enrolment.federation == actor.federation && actor.is_participant(enrolment.participant));
}

// The federation stage is the federation's to approve; the organisation stage is anyone's who may
// act for the organisation (checked by `managed`).
std::optional<DomainError> stage_authority(Stage stage, const Actor& actor) {
  if (stage == Stage::Federation && !actor.has(auth::Role::FederationAdmin)) {
    return forbidden("the federation stage is decided by the federation's administrators");
  }
  return std::nullopt;
}

Enrolment created(const Participant& participant, const Cohort& cohort, const EnrolmentId& id,
                  Timestamp now) {
  Enrolment next;
  next.id = id;
  next.federation = participant.federation;
  next.participant = participant.id;
  next.organisation = participant.organisation;
  next.cohort = cohort.id;
  next.requested_at = now;
  next.changed_at = now;
  next.version = 1;
  return next;
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
                                                 const EnrolmentPolicy& policy, const Actor& actor,
                                                 const EnrolmentId& new_id, Timestamp now) {
  if (!participant || participant->federation != actor.federation ||
      !actor.may_act_for(participant->organisation)) {
    return invalid("participant_id", "no such participant");
  }
  if (!cohort || cohort->federation != actor.federation) {
    return invalid("cohort_id", "no such cohort (a new cohort can take a moment to arrive)");
  }
  auto next = created(*participant, *cohort, new_id, now);
  next.status = EnrolmentStatus::Pending;
  next.stage = first_stage(policy);
  return RequestDecision{next, EnrolmentRequested{next}};
}

Result<InterestDecision> decide_register_interest(const std::optional<Participant>& participant,
                                                  const std::optional<Cohort>& cohort,
                                                  const Actor& actor, const EnrolmentId& new_id,
                                                  Timestamp now) {
  if (!participant || participant->federation != actor.federation ||
      !(actor.may_act_for(participant->organisation) || actor.is_participant(participant->id))) {
    return invalid("participant_id", "no such participant");
  }
  if (!cohort || cohort->federation != actor.federation) {
    return invalid("cohort_id", "no such cohort (a new cohort can take a moment to arrive)");
  }
  auto next = created(*participant, *cohort, new_id, now);
  next.status = EnrolmentStatus::Interest;
  return InterestDecision{next, EnrolmentChanged{next}};
}

Result<Transition> decide_approve(const Enrolment& current, const Actor& actor,
                                  const SeatContext& seats, Timestamp now) {
  if (!managed(current, actor)) return not_found("enrolment");
  if (current.status == EnrolmentStatus::Approved) {
    return conflict("the enrolment is already approved");
  }
  if (current.status != EnrolmentStatus::Pending || !current.stage) {
    return conflict("only a pending enrolment can be approved; this one is " +
                    std::string(to_string(current.status)));
  }
  if (auto refused = stage_authority(*current.stage, actor)) return *refused;
  Enrolment next = advanced(current, now);
  if (const auto stage = next_stage(seats.policy, *current.stage)) {
    next.stage = stage;
    return Transition{next, EnrolmentChanged{next}, std::nullopt};
  }
  next.stage.reset();
  if (seat_free(seats.policy, seats.usage, current.organisation)) {
    next.status = EnrolmentStatus::Approved;
    next.approved_at = now;
    next.approved_by = actor.subject;
    if (seats.start_on_approval) next.started_on = day_of(now);
    return Transition{next, EnrolmentChanged{next}, EnrolmentApproved{next}};
  }
  if (!seats.policy.waitlist) {
    return conflict(
        "no seat is free for this organisation in the cohort, and it keeps no waitlist");
  }
  next.status = EnrolmentStatus::Waitlisted;
  next.waitlist_position = seats.waitlist_position;
  return Transition{next, EnrolmentChanged{next}, std::nullopt};
}

Result<Transition> decide_request_from_interest(const Enrolment& current, const Actor& actor,
                                                const EnrolmentPolicy& policy, Timestamp now) {
  if (!managed(current, actor)) return not_found("enrolment");
  if (current.status != EnrolmentStatus::Interest) {
    return conflict("only an expression of interest can become a request; this one is " +
                    std::string(to_string(current.status)));
  }
  Enrolment next = advanced(current, now);
  next.status = EnrolmentStatus::Pending;
  next.stage = first_stage(policy);
  return Transition{next, EnrolmentChanged{next}, std::nullopt};
}

Result<Transition> decide_reject(const Enrolment& current, const Actor& actor, Timestamp now) {
  if (!managed(current, actor)) return not_found("enrolment");
  const bool open = current.status == EnrolmentStatus::Interest ||
                    current.status == EnrolmentStatus::Pending ||
                    current.status == EnrolmentStatus::Waitlisted;
  if (!open) {
    return conflict(
        "only interest, a pending or a waitlisted enrolment can be rejected; this one "
        "is " +
        std::string(to_string(current.status)) +
        (current.status == EnrolmentStatus::Approved ? " (withdraw it instead)" : ""));
  }
  if (current.stage) {
    if (auto refused = stage_authority(*current.stage, actor)) return *refused;
  }
  Enrolment next = advanced(current, now);
  next.status = EnrolmentStatus::Rejected;
  next.stage.reset();
  return Transition{next, EnrolmentChanged{next}, std::nullopt};
}

Result<Transition> decide_promote(const Enrolment& current, Timestamp now, bool start_on_approval) {
  if (current.status != EnrolmentStatus::Waitlisted) {
    return conflict("only a waitlisted enrolment can be promoted");
  }
  Enrolment next = advanced(current, now);
  next.status = EnrolmentStatus::Approved;
  next.approved_at = now;
  next.approved_by = std::string(kWaitlistApprover);
  if (start_on_approval) next.started_on = day_of(now);
  return Transition{next, EnrolmentChanged{next}, EnrolmentApproved{next}};
}

std::optional<Transition> decide_start(const Enrolment& current, const std::optional<Date>& first,
                                       bool start_on_approval, Timestamp now) {
  if (start_on_approval || !current.approved_at) return std::nullopt;
  if (current.status != EnrolmentStatus::Approved && current.status != EnrolmentStatus::Withdrawn) {
    return std::nullopt;
  }
  if (current.started_on == first) return std::nullopt;
  Enrolment next = advanced(current, now);
  next.started_on = first;
  return Transition{next, EnrolmentChanged{next}, std::nullopt};
}

Result<Transition> decide_withdraw(const Enrolment& current, const Cohort& cohort,
                                   const Withdrawal& command, const Actor& actor, Timestamp now) {
  if (!visible(current, actor)) return not_found("enrolment");
  const bool open =
      current.status == EnrolmentStatus::Interest || current.status == EnrolmentStatus::Pending ||
      current.status == EnrolmentStatus::Waitlisted || current.status == EnrolmentStatus::Approved;
  if (!open) {
    return conflict("a " + std::string(to_string(current.status)) +
                    " enrolment cannot be withdrawn");
  }
  if (current.left_on) {
    return conflict("the enrolment ended with its cohort on " + format_date(*current.left_on));
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

std::optional<Transition> decide_cohort_end(const Enrolment& current, const Cohort& cohort,
                                            Timestamp now) {
  if (current.status != EnrolmentStatus::Approved || current.left_on ||
      current.cohort != cohort.id || !(cohort.ends_on < day_of(now))) {
    return std::nullopt;
  }
  Enrolment next = advanced(current, now);
  next.left_on = cohort.ends_on;
  return Transition{next, EnrolmentChanged{next}, std::nullopt};
}

}  // namespace samverkan::enrolment
