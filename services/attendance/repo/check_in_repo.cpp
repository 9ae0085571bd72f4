#include "check_in_repo.hpp"

#include <stdexcept>

#include "attendance_repo.hpp"

namespace samverkan::attendance::repo {

std::optional<CheckInSession> find_check_in_session(pqxx::work& tx, const ids::FederationId& fed,
                                                    const ids::SessionId& session) {
  const auto rows = tx.exec_params(
      "SELECT s.cohort_id, s.module_id, s.status, "
      "to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
      "to_char(s.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), s.time_zone, "
      "s.trainer_subjects::text, s.version, floor(extract(epoch FROM s.starts_at))::bigint, "
      "c.secret FROM sessions s LEFT JOIN check_ins c ON c.session_id = s.id "
      "WHERE s.federation_id = $1 AND s.id = $2",
      fed.str(), session.str());
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  const auto status = parse_session_status(r[2].c_str());
  if (!status) throw std::logic_error("session replica with an unknown status");
  std::optional<ids::ModuleId> module;
  if (!r[1].is_null()) module = ids::ModuleId(r[1].as<std::string>());
  std::optional<std::string> secret;
  if (!r[9].is_null()) secret = r[9].as<std::string>();
  return CheckInSession{
      Session{session, fed, ids::CohortId(r[0].as<std::string>()), std::move(module), *status,
              r[3].as<std::string>(), r[4].as<std::string>(), r[5].as<std::string>(),
              strings_from(r[6].c_str()), r[7].as<std::int64_t>()},
      r[8].as<std::int64_t>(), std::move(secret)};
}

bool open_check_in(pqxx::work& tx, const ids::FederationId& fed, const ids::SessionId& session,
                   const std::string& secret, const std::string& opened_by,
                   const std::string& opened_at) {
  return tx.exec_params(
               "INSERT INTO check_ins (session_id, federation_id, secret, opened_by, opened_at) "
               "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (session_id) DO NOTHING",
               session.str(), fed.str(), secret, opened_by, opened_at)
             .affected_rows() == 1;
}

WrongCodes wrong_codes(pqxx::work& tx, const ids::FederationId& fed, const ids::SessionId& session,
                       const ids::ParticipantId& participant) {
  const auto row = tx.exec_params1(
      "SELECT COALESCE(sum(failures) FILTER (WHERE participant_id = $3), 0)::bigint, "
      "COALESCE(sum(failures), 0)::bigint FROM check_in_failures WHERE federation_id = $1 AND "
      "session_id = $2",
      fed.str(), session.str(), participant.str());
  return {row[0].as<std::int64_t>(), row[1].as<std::int64_t>()};
}

void record_wrong_code(pqxx::work& tx, const ids::FederationId& fed, const ids::SessionId& session,
                       const ids::ParticipantId& participant) {
  tx.exec_params(
      "INSERT INTO check_in_failures (federation_id, session_id, participant_id, failures) "
      "VALUES ($1, $2, $3, 1) ON CONFLICT (session_id, participant_id) DO UPDATE SET failures = "
      "check_in_failures.failures + 1",
      fed.str(), session.str(), participant.str());
}

}  // namespace samverkan::attendance::repo
