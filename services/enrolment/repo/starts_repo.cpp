// The replicas behind started_on: modules' sessions and attendance's marks, each merged by
// version, and the first day a participant attended.
#include <samverkan/db/versioned_upsert.hpp>

#include "repo.hpp"

namespace samverkan::enrolment::repo {

bool store_session(pqxx::work& tx, const SessionRow& row) {
  return db::upsert_if_newer(tx, {"sessions",
                                  "id",
                                  {{"id", row.id.str()},
                                   {"federation_id", row.federation.str()},
                                   {"cohort_id", row.cohort.str()},
                                   {"starts_at", row.starts_at},
                                   {"time_zone", row.time_zone},
                                   {"status", row.status}},
                                  row.version});
}

bool store_mark(pqxx::work& tx, const MarkRow& row) {
  return db::upsert_if_newer(tx, {"attendance_marks",
                                  "record_id",
                                  {{"record_id", row.record_id},
                                   {"federation_id", row.federation.str()},
                                   {"session_id", row.session.str()},
                                   {"participant_id", row.participant.str()},
                                   {"cohort_id", row.cohort.str()},
                                   {"attended", row.attended ? "true" : "false"}},
                                  row.revision});
}

std::optional<Date> first_attended_day(pqxx::work& tx, const FederationId& fed,
                                       const ParticipantId& participant, const CohortId& cohort) {
  // A mark can arrive before its session: it counts once the session is known.
  const auto rows = tx.exec_params(
      "SELECT to_char(min((s.starts_at AT TIME ZONE s.time_zone)::date), 'YYYY-MM-DD') "
      "FROM attendance_marks m JOIN sessions s ON s.id = m.session_id "
      "WHERE m.federation_id = $1 AND m.participant_id = $2 AND m.cohort_id = $3 AND m.attended "
      "AND s.status <> 'cancelled'",
      fed.str(), participant.str(), cohort.str());
  if (rows.empty() || rows[0][0].is_null()) return std::nullopt;
  return parse_date(rows[0][0].as<std::string>());
}

std::vector<std::pair<ParticipantId, CohortId>> attendees(pqxx::work& tx, const FederationId& fed,
                                                          const ids::SessionId& session) {
  std::vector<std::pair<ParticipantId, CohortId>> out;
  for (const auto& r : tx.exec_params(
           "SELECT participant_id, cohort_id FROM attendance_marks WHERE federation_id = $1 "
           "AND session_id = $2 AND attended ORDER BY participant_id",
           fed.str(), session.str())) {
    out.emplace_back(ParticipantId(r[0].as<std::string>()), CohortId(r[1].as<std::string>()));
  }
  return out;
}

}  // namespace samverkan::enrolment::repo
