#pragma once
// Registering an apology inside the write path's unit of work, without HTTP: load the session and
// the enrolment, resolve a participant token to its participant, decide, write, audit.
#include <optional>
#include <samverkan/writepath/unit_of_work.hpp>

#include "../domain/apology.hpp"

namespace samverkan::attendance::app {

// nullopt: no such session in the federation (404). A Registered decision is written with one
// audit entry "apology.registered" (version none -> 1, no reason: the apology's own reason is
// personal and stays in its row). Unchanged and Refused write nothing. For a participant token,
// who.linked is looked up here from the subject.
std::optional<ApologyDecision> register_apology(writepath::UnitOfWork& uow,
                                                const ApologyCommand& command, Apologist who);

}  // namespace samverkan::attendance::app
