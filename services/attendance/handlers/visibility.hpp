#pragma once
// Who may see one participant's own records (statements, self-study).
#include <pqxx/pqxx>
#include <samverkan/auth/principal.hpp>
#include <samverkan/ids/ids.hpp>

namespace samverkan::attendance {

// Throws 404 unless the caller may see this participant: administrators and funder auditors any
// participant attendance knows an enrolment of, a coordinator its organisation's, a participant
// only themselves (token subject linked to the participant).
void require_visible(pqxx::work& tx, const auth::Principal& who,
                     const ids::ParticipantId& participant);

}  // namespace samverkan::attendance
