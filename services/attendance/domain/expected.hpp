#pragma once
// Who may be marked at a session, and who may mark it: pure rules shared by a trainer's PUT, an
// import, apologies and auto-marking.
#include <optional>

#include "attendance.hpp"

namespace samverkan::attendance {

// True unless the actor is confined to its own sessions (a trainer) and is not one of the
// session's trainers. A session without trainers is marked by administrators only. Imports call
// this too, before reading the file.
bool may_record(const Actor& actor, const Session& session);

// The 403 refusal for may_record() == false.
Refused not_session_trainer();

// Whether the participant is expected at the session; nullopt when expected, else why not (422):
// 1. a cancelled session takes no attendance (session_cancelled);
// 2. the enrolment in the session's cohort is approved, or withdrawn after approval with a
//    leaving date (attendance before leaving stays recordable) (not_enrolled);
// 3. the session starts, in its own time zone, on or before the leaving date (after_leaving_date);
// 4. a session of a module needs the module among the participant's chosen ones (no recorded
//    choice means every module); a session without a module (a conference) is for everyone
//    (module_not_chosen).
std::optional<Refused> check_expected(const Context& context);

// Rule 2 alone: the enrolment gives a place in the cohort.
bool gives_a_place(const Enrolment& enrolment);

}  // namespace samverkan::attendance
