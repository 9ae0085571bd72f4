#include "self_study.hpp"

#include <algorithm>

#include "expected.hpp"

namespace samverkan::attendance {

namespace {
SelfStudyRefused refused(SelfStudyRefusal reason, std::string detail, std::string field) {
  const std::string message = detail;
  return SelfStudyRefused{
      reason, detail + " (" + std::string(to_string(reason)) + ")", {{std::move(field), message}}};
}

std::string date_text(std::chrono::year_month_day date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}
}  // namespace

std::string_view to_string(SelfStudyStatus status) {
  switch (status) {
    case SelfStudyStatus::Pending:
      return "pending";
    case SelfStudyStatus::Approved:
      return "approved";
    case SelfStudyStatus::Rejected:
      return "rejected";
  }
  return "unknown";
}

std::optional<SelfStudyStatus> parse_self_study_status(std::string_view text) {
  for (auto status :
       {SelfStudyStatus::Pending, SelfStudyStatus::Approved, SelfStudyStatus::Rejected}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

std::string_view to_string(SelfStudyRefusal refusal) {
  switch (refusal) {
    case SelfStudyRefusal::NotFound:
      return "not_found";
    case SelfStudyRefusal::NotYourself:
      return "not_yourself";
    case SelfStudyRefusal::NotAllowed:
      return "self_study_not_allowed";
    case SelfStudyRefusal::NotEnrolled:
      return "not_enrolled";
    case SelfStudyRefusal::ModuleNotChosen:
      return "module_not_chosen";
    case SelfStudyRefusal::UnknownModule:
      return "unknown_module";
    case SelfStudyRefusal::NotInPeriod:
      return "not_in_period";
    case SelfStudyRefusal::AlreadyDecided:
      return "already_decided";
  }
  return "unknown";
}

SelfStudyDecision decide_log(const LogSelfStudy& command, const Reviewer& who,
                             const SelfStudyContext& context) {
  if (who.kind == Reviewer::Kind::Participant && who.linked != command.participant)
    return refused(SelfStudyRefusal::NotYourself, "a participant logs only their own self-study",
                   "participant_id");
  if (who.kind == Reviewer::Kind::Coordinator &&
      (!context.enrolment || context.enrolment->organisation != who.organisation))
    return SelfStudyRefused{SelfStudyRefusal::NotFound, "participant", {}};
  if (!context.allowed)
    return refused(SelfStudyRefusal::NotAllowed, "the cohort does not allow self-study",
                   "cohort_id");
  const auto& enrolment = context.enrolment;
  if (!enrolment || !gives_a_place(*enrolment))
    return refused(SelfStudyRefusal::NotEnrolled,
                   "the participant has no approved enrolment in the cohort", "participant_id");
  if (!context.module_of_cohort)
    return refused(SelfStudyRefusal::UnknownModule, "not a module of the cohort", "module_id");
  if (enrolment->module_ids &&
      std::find(enrolment->module_ids->begin(), enrolment->module_ids->end(), command.module) ==
          enrolment->module_ids->end())
    return refused(SelfStudyRefusal::ModuleNotChosen, "the participant did not choose the module",
                   "module_id");
  // Dates are YYYY-MM-DD, so they compare as text.
  if (command.studied_on > context.today ||
      (enrolment->left_on && command.studied_on > date_text(*enrolment->left_on)))
    return refused(SelfStudyRefusal::NotInPeriod,
                   "the date is in the future or after the leaving date", "studied_on");
  return SelfStudyChanged{SelfStudyEntry{command.id_if_new, who.federation, command.participant,
                                         enrolment->organisation, command.cohort, command.module,
                                         command.studied_on, command.minutes, command.description,
                                         SelfStudyStatus::Pending, std::nullopt, who.subject,
                                         command.now, std::nullopt, std::nullopt, 1}};
}

SelfStudyDecision decide_review(const SelfStudyEntry& current, const Review& review,
                                const Reviewer& who) {
  if (who.kind == Reviewer::Kind::Coordinator && current.organisation != who.organisation)
    return SelfStudyRefused{SelfStudyRefusal::NotFound, "self-study entry", {}};
  if (current.status == review.decision) return SelfStudyUnchanged{current};
  if (current.status != SelfStudyStatus::Pending)
    return SelfStudyRefused{
        SelfStudyRefusal::AlreadyDecided, "the entry is decided already; a decision is final", {}};
  SelfStudyEntry next = current;
  next.status = review.decision;
  next.decision_reason =
      review.decision == SelfStudyStatus::Rejected ? review.reason : std::nullopt;
  next.decided_by = who.subject;
  next.decided_at = review.now;
  next.version = current.version + 1;
  return SelfStudyChanged{std::move(next)};
}

}  // namespace samverkan::attendance
