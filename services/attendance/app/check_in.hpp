#pragma once
// Self check-in without HTTP: opening it (a trainer of the session), reading the current code,
// verifying a participant's code (its own transaction, so a wrong code is counted even though
// the request fails) and marking them present through record_mark.
#include <cstdint>
#include <optional>
#include <samverkan/db/pool.hpp>
#include <samverkan/writepath/unit_of_work.hpp>
#include <string>
#include <variant>

#include "../domain/attendance.hpp"
#include "../domain/check_in.hpp"

namespace samverkan::attendance::app {

struct CheckInCode {
  std::string code;
  std::int64_t valid_until = 0;        // end of the code's step, seconds since the epoch
  std::int64_t opens = 0, closes = 0;  // the participants' window
};
enum class CheckInRefusal { NotFound, NotSessionTrainer, SessionCancelled, NotOpen };
using CodeAnswer = std::variant<CheckInCode, CheckInRefusal>;

// Opens check-in (a new random secret, kept) unless it is open already; one audit entry
// "check_in.opened" (entity "check_in", id the session) the first time. Answers the current code.
CodeAnswer open_check_in(writepath::UnitOfWork& uow, const ids::SessionId& session,
                         std::int64_t now);
// The current code of an open check-in (for the rotating display), without writing.
CodeAnswer current_code(pqxx::work& tx, const Actor& actor, const ids::SessionId& session,
                        std::int64_t now);

// Verifies a participant's code in its own transaction, counting a wrong one. nullopt: no such
// session in the federation.
std::optional<CheckInOutcome> verify_check_in(db::Pool& pool, const ids::FederationId& fed,
                                              const ids::SessionId& session,
                                              const ids::ParticipantId& participant,
                                              const std::string& code, std::int64_t now);

// After an accepted code: present for the whole session, source check_in, unless the person has
// a mark already (a trainer's mark or an import is not overridden by a check-in; it is the other
// way round). nullopt: no such session.
std::optional<Decision> mark_checked_in(writepath::UnitOfWork& uow, const ids::SessionId& session,
                                        const ids::ParticipantId& participant,
                                        const std::string& now);

}  // namespace samverkan::attendance::app
