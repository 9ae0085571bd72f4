#pragma once
// SQL for auto-marking: the next session due, locked so one replica handles it at a time, and
// the people to mark there.
#include <chrono>
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/ids/ids.hpp>
#include <vector>

namespace samverkan::attendance::repo {

struct DueSession {
  ids::SessionId id;
  ids::FederationId federation;
  std::int64_t version = 1;
};

// The scheduled session that ended longest ago, at least `after` ago and at most `lookback` ago,
// whose current version has not been auto-marked yet; its row stays locked (FOR UPDATE SKIP
// LOCKED: another replica takes the next one instead of waiting). nullopt: nothing is due.
std::optional<DueSession> lock_due_session(pqxx::work& tx, std::chrono::seconds after,
                                           std::chrono::seconds lookback);

struct Unmarked {
  ids::ParticipantId participant;
  bool apologised = false;
};
// Participants with an enrolment in the session's cohort that may give a place (approved, or
// withdrawn) and no mark at the session; decide() settles whether each is expected.
std::vector<Unmarked> unmarked_participants(pqxx::work& tx, const DueSession& session);

// Records that the session's version is done, so a second run skips it.
void finish_session(pqxx::work& tx, const DueSession& session);

}  // namespace samverkan::attendance::repo
