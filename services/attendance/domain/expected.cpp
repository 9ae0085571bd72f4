#include "expected.hpp"

#include <algorithm>

namespace samverkan::attendance {

bool may_record(const Actor& actor, const Session& session) {
  if (!actor.own_sessions_only) return true;
  return std::find(session.trainer_subjects.begin(), session.trainer_subjects.end(),
                   actor.subject) != session.trainer_subjects.end();
}

Refused not_session_trainer() {
  return Refused{Refusal::NotSessionTrainer,
                 "only the trainers assigned to the session mark its attendance",
                 {{"session_id", "not a session you are assigned to"}}};
}

bool gives_a_place(const Enrolment& e) {
  if (e.status == EnrolmentStatus::Approved) return true;
  return e.status == EnrolmentStatus::Withdrawn && e.approved_at.has_value() &&
         e.left_on.has_value();
}

std::optional<Refused> check_expected(const Context& context) {
  if (context.session.status == SessionStatus::Cancelled) {
    return Refused{Refusal::SessionCancelled,
                   "the session is cancelled and takes no attendance",
                   {{"session_id", "the session is cancelled"}}};
  }
  const auto& enrolment = context.enrolment;
  if (!enrolment || !gives_a_place(*enrolment)) {
    return Refused{Refusal::NotEnrolled,
                   "the participant has no approved enrolment in this session's cohort",
                   {{"participant_id", "not an approved participant of this session's cohort"}}};
  }
  if (enrolment->left_on && context.starts_on > *enrolment->left_on) {
    return Refused{Refusal::AfterLeaving,
                   "the session starts after the participant's leaving date",
                   {{"participant_id", "left the cohort before this session"}}};
  }
  const auto& module = context.session.module;
  if (module && enrolment->module_ids &&
      std::find(enrolment->module_ids->begin(), enrolment->module_ids->end(), *module) ==
          enrolment->module_ids->end()) {
    return Refused{Refusal::ModuleNotChosen,
                   "the session's module is not one the participant chose",
                   {{"participant_id", "did not choose this session's module"}}};
  }
  return std::nullopt;
}

}  // namespace samverkan::attendance
