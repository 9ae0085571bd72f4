#pragma once
// SQL for self check-in: the session's secret and window, and the wrong codes entered.
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/ids/ids.hpp>
#include <string>
#include <vector>

#include "../domain/attendance.hpp"

namespace samverkan::attendance::repo {

struct CheckInSession {
  Session session;
  std::int64_t starts_epoch = 0;
  std::optional<std::string> secret;  // none until a trainer opens check-in
};
std::optional<CheckInSession> find_check_in_session(pqxx::work& tx, const ids::FederationId& fed,
                                                    const ids::SessionId& session);

// False when check-in was open already (the stored secret stays).
bool open_check_in(pqxx::work& tx, const ids::FederationId& fed, const ids::SessionId& session,
                   const std::string& secret, const std::string& opened_by,
                   const std::string& opened_at);

struct WrongCodes {
  std::int64_t by_participant = 0, in_session = 0;
};
WrongCodes wrong_codes(pqxx::work& tx, const ids::FederationId& fed, const ids::SessionId& session,
                       const ids::ParticipantId& participant);
void record_wrong_code(pqxx::work& tx, const ids::FederationId& fed, const ids::SessionId& session,
                       const ids::ParticipantId& participant);

}  // namespace samverkan::attendance::repo
