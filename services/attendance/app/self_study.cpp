#include "self_study.hpp"

#include "../domain/self_study_changed.hpp"
#include "../repo/apologies_repo.hpp"
#include "../repo/self_study_repo.hpp"
#include "statements.hpp"

namespace samverkan::attendance::app {

SelfStudyDecision log_self_study(writepath::UnitOfWork& uow, const LogSelfStudy& command,
                                 Reviewer who) {
  auto& tx = uow.tx();
  if (who.kind == Reviewer::Kind::Participant)
    who.linked = repo::participant_of_subject(tx, who.federation, who.subject);
  const auto context = repo::self_study_context(tx, who.federation, command.participant,
                                                command.cohort, command.module);
  auto decision = decide_log(command, who, context);
  if (const auto* logged = std::get_if<SelfStudyChanged>(&decision)) {
    repo::insert_self_study(tx, logged->entry);
    uow.emit(SelfStudyChangedEvent{logged->entry, command.now});
    uow.audit({"self_study.logged", "self_study", logged->entry.id, std::nullopt, 1,
               writepath::Reason::none()});
  }
  return decision;
}

std::optional<SelfStudyDecision> review_self_study(writepath::UnitOfWork& uow,
                                                   const std::string& entry_id,
                                                   const Review& review, const Reviewer& who) {
  auto& tx = uow.tx();
  const auto current = repo::lock_self_study(tx, who.federation, entry_id);
  if (!current) return std::nullopt;
  auto decision = decide_review(*current, review, who);
  if (const auto* changed = std::get_if<SelfStudyChanged>(&decision)) {
    const auto& next = changed->entry;
    repo::update_self_study(tx, next);
    uow.emit(SelfStudyChangedEvent{next, review.now});
    const bool approved = next.status == SelfStudyStatus::Approved;
    uow.audit({approved ? "self_study.approved" : "self_study.rejected", "self_study", next.id,
               current->version, next.version,
               next.decision_reason ? writepath::Reason::given(*next.decision_reason)
                                    : writepath::Reason::none()});
    if (approved) supersede_month(uow, next.participant, next.studied_on.substr(0, 7));
  }
  return decision;
}

std::optional<std::int64_t> set_self_study_policy(writepath::UnitOfWork& uow,
                                                  const ids::CohortId& cohort, bool allowed) {
  const auto version =
      repo::set_self_study_policy(uow.tx(), ids::FederationId(uow.federation()), cohort, allowed);
  if (version) {
    uow.audit({"self_study_policy.set", "cohort", cohort.str(),
               *version > 1 ? std::optional<std::int64_t>(*version - 1) : std::nullopt, *version,
               writepath::Reason::none()});
  }
  return version;
}

}  // namespace samverkan::attendance::app
