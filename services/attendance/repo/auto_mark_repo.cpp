#include "auto_mark_repo.hpp"

namespace samverkan::attendance::repo {

std::optional<DueSession> lock_due_session(pqxx::work& tx, std::chrono::seconds after,
                                           std::chrono::seconds lookback) {
  const auto rows = tx.exec_params(
      "SELECT id, federation_id, version FROM sessions WHERE status = 'scheduled' "
      "AND auto_marked_version < version "
      "AND ends_at <= now() - make_interval(secs => $1) "
      "AND ends_at > now() - make_interval(secs => $2) "
      "ORDER BY ends_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
      static_cast<long>(after.count()), static_cast<long>(lookback.count()));
  if (rows.empty()) return std::nullopt;
  return DueSession{ids::SessionId(rows[0][0].as<std::string>()),
                    ids::FederationId(rows[0][1].as<std::string>()), rows[0][2].as<std::int64_t>()};
}

std::vector<Unmarked> unmarked_participants(pqxx::work& tx, const DueSession& session) {
  const auto rows = tx.exec_params(
      "SELECT DISTINCT e.participant_id, EXISTS (SELECT 1 FROM apologies p WHERE "
      "p.federation_id = $1 AND p.session_id = s.id AND p.participant_id = e.participant_id) "
      "FROM sessions s JOIN enrolments e ON e.federation_id = s.federation_id "
      "AND e.cohort_id = s.cohort_id AND e.status IN ('approved', 'withdrawn') "
      "WHERE s.federation_id = $1 AND s.id = $2 AND NOT EXISTS (SELECT 1 FROM attendance a "
      "WHERE a.federation_id = $1 AND a.session_id = s.id AND a.participant_id = e.participant_id) "
      "ORDER BY e.participant_id",
      session.federation.str(), session.id.str());
  std::vector<Unmarked> unmarked;
  unmarked.reserve(rows.size());
  for (const auto& row : rows) {
    unmarked.push_back({ids::ParticipantId(row[0].as<std::string>()), row[1].as<bool>()});
  }
  return unmarked;
}

void finish_session(pqxx::work& tx, const DueSession& session) {
  tx.exec_params(
      "UPDATE sessions SET auto_marked_version = $3 WHERE federation_id = $1 AND id = $2",
      session.federation.str(), session.id.str(), session.version);
}

}  // namespace samverkan::attendance::repo
