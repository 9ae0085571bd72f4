#include "apology.hpp"

#include "expected.hpp"

namespace samverkan::attendance {

ApologyDecision decide_apology(const std::optional<Apology>& current, const ApologyCommand& command,
                               const Apologist& who, const Context& context) {
  using Kind = Apologist::Kind;
  if (who.kind == Kind::Coordinator &&
      (!context.enrolment || context.enrolment->organisation != who.organisation)) {
    return ApologyRefused{ApologyRefusal::ParticipantNotFound, "participant", {}};
  }
  if (who.kind == Kind::Participant && who.linked != command.participant) {
    return ApologyRefused{ApologyRefusal::NotYourself,
                          "a participant registers apologies only for themselves",
                          {{"participant_id", "not you"}}};
  }
  if (auto refused = check_expected(context)) {
    return ApologyRefused{ApologyRefusal::NotExpected,
                          refused->detail + " (" + std::string(to_string(refused->reason)) + ")",
                          std::move(refused->errors)};
  }
  if (current) return ApologyUnchanged{*current};
  if (command.now_epoch >= context.starts_epoch) {
    return ApologyRefused{ApologyRefusal::SessionStarted,
                          "apologies are registered before the session starts (session_started)",
                          {{"session_id", "the session has started"}}};
  }
  return ApologyRegistered{Apology{command.id_if_new, who.federation, command.session,
                                   command.participant, command.reason, who.subject, command.now}};
}

}  // namespace samverkan::attendance
