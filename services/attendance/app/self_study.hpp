#pragma once
// Self-study inside the write path's unit of work, without HTTP: log, review, and the cohort's
// policy. Each change writes its row, its self_study.changed event and one audit entry.
#include <optional>
#include <samverkan/writepath/unit_of_work.hpp>

#include "../domain/self_study.hpp"

namespace samverkan::attendance::app {

// Audit "self_study.logged" (none -> 1). For a participant token, who.linked is looked up here.
SelfStudyDecision log_self_study(writepath::UnitOfWork& uow, const LogSelfStudy& command,
                                 Reviewer who);

// nullopt: no such entry in the federation. Audit "self_study.approved" or "self_study.rejected"
// (1 -> 2, a rejection with its reason). An approval supersedes a confirmed statement of the month.
std::optional<SelfStudyDecision> review_self_study(writepath::UnitOfWork& uow,
                                                   const std::string& entry_id,
                                                   const Review& review, const Reviewer& who);

// The stored version after the change; nullopt when the policy was already so (no entry then).
// Audit "self_study_policy.set" on entity "cohort".
std::optional<std::int64_t> set_self_study_policy(writepath::UnitOfWork& uow,
                                                  const ids::CohortId& cohort, bool allowed);

}  // namespace samverkan::attendance::app
