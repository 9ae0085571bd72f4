#include "participant_link.hpp"

namespace samverkan::enrolment {

Result<LinkDecision> decide_link_subject(const std::optional<Participant>& participant,
                                         const std::optional<std::string>& subject,
                                         const Actor& actor) {
  if (!participant || participant->federation != actor.federation ||
      !actor.may_act_for(participant->organisation)) {
    return not_found("participant");
  }
  if (participant->subject == subject) return LinkDecision{false, *participant, {*participant}};
  Participant next = *participant;
  next.subject = subject;
  next.version = participant->version + 1;
  return LinkDecision{true, next, {next}};
}

bool may_see(const Actor& actor, const Participant& participant) {
  if (participant.federation != actor.federation) return false;
  if (actor.may_act_for(participant.organisation)) return true;
  return actor.has(auth::Role::Participant) && participant.subject == actor.subject;
}

}  // namespace samverkan::enrolment
