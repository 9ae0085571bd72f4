#include "totals.hpp"

namespace samverkan::reporting::repo {

namespace {

// Advisory locks are database-wide and all services share the database: the two-key form (a key
// space apart from the one-key locks of the outbox relay and migrations) with a class named for
// this service.
constexpr const char* kParticipantLock = "samverkan.reporting.participant";
constexpr const char* kSessionLock = "samverkan.reporting.session";
constexpr const char* kPlacementMoves = "samverkan.reporting.placement-move";

// The attendance columns of a tally, in the tables' order.
constexpr const char* kTallyColumns = "present, late, excused, absent, other, minutes";
constexpr const char* kTallyIncrements =
    "present = t.present + EXCLUDED.present, late = t.late + EXCLUDED.late, "
    "excused = t.excused + EXCLUDED.excused, absent = t.absent + EXCLUDED.absent, "
    "other = t.other + EXCLUDED.other, minutes = t.minutes + EXCLUDED.minutes";

void add_tally(pqxx::work& tx, const Federation& fed, const TotalKey& key, const Tally& d) {
  const std::string values = "$4, $5, $6, $7, $8, $9";
  std::string sql;
  switch (key.target) {
    case Target::ParticipantModule:
      sql = std::string("INSERT INTO participant_module_totals AS t (participant_id, module_id, ") +
            "federation_id, " + kTallyColumns + ") VALUES ($1, $2, $3, " + values +
            ") ON CONFLICT (participant_id, module_id) DO UPDATE SET " + kTallyIncrements;
      break;
    case Target::CohortOrganisation:
      sql =
          std::string("INSERT INTO cohort_organisation_totals AS t (cohort_id, organisation_id, ") +
          "federation_id, enrolled, withdrawn, " + kTallyColumns + ") VALUES ($1, $2, $3, 0, 0, " +
          values + ") ON CONFLICT (cohort_id, organisation_id) DO UPDATE SET " + kTallyIncrements;
      break;
    case Target::Session:
      sql = std::string("INSERT INTO session_totals AS t (session_id, cohort_id, federation_id, ") +
            kTallyColumns + ") VALUES ($1, $2, $3, " + values +
            ") ON CONFLICT (session_id) DO UPDATE SET " + kTallyIncrements;
      break;
  }
  tx.exec_params(sql, key.first, key.second, fed, d.present, d.late, d.excused, d.absent, d.other,
                 d.minutes);
}

void lock(pqxx::work& tx, const char* lock_class, const std::string& key, bool shared) {
  tx.exec_params(shared ? "SELECT pg_advisory_xact_lock_shared(hashtext($1), hashtext($2))"
                        : "SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))",
                 lock_class, key);
}

RecordInContext record_in_context(const pqxx::row& row) {
  RecordInContext r;
  r.record.session_id = row[0].as<std::string>();
  r.record.cohort_id = row[1].as<std::string>();
  r.record.participant_id = row[2].as<std::string>();
  if (!row[3].is_null()) r.record.module_id = row[3].as<std::string>();
  r.record.status = row[4].as<std::string>();
  r.record.minutes = row[5].as<std::int64_t>();
  if (!row[6].is_null()) r.organisation_id = row[6].as<std::string>();
  if (!row[7].is_null()) r.session_status = row[7].as<std::string>();
  return r;
}

constexpr const char* kRecordsInContext =
    "SELECT a.session_id, a.cohort_id, a.participant_id, a.module_id, a.status, a.minutes, "
    "p.organisation_id, s.status FROM attendance a "
    "LEFT JOIN participants p ON p.id = a.participant_id AND p.federation_id = a.federation_id "
    "LEFT JOIN sessions s ON s.id = a.session_id AND s.federation_id = a.federation_id ";

}  // namespace

void add_adjustments(pqxx::work& tx, const Federation& fed, const Adjustments& changes) {
  for (const auto& [key, change] : changes) {
    if (!change.zero()) add_tally(tx, fed, key, change);
  }
}

void add_enrolment_counts(pqxx::work& tx, const Federation& fed, const std::string& cohort_id,
                          const std::string& organisation_id, const EnrolmentCounts& change) {
  if (change.zero()) return;
  tx.exec_params(
      "INSERT INTO cohort_organisation_totals AS t (cohort_id, organisation_id, federation_id, "
      "enrolled, withdrawn, present, late, excused, absent, other, minutes) "
      "VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 0, 0, 0) ON CONFLICT (cohort_id, organisation_id) "
      "DO UPDATE SET enrolled = t.enrolled + EXCLUDED.enrolled, "
      "withdrawn = t.withdrawn + EXCLUDED.withdrawn",
      cohort_id, organisation_id, fed, change.enrolled, change.withdrawn);
}

void add_session_counts(pqxx::work& tx, const Federation& fed, const std::string& cohort_id,
                        const SessionCounts& change) {
  if (change.zero()) return;
  tx.exec_params(
      "INSERT INTO cohort_session_totals AS t (cohort_id, federation_id, scheduled, cancelled) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (cohort_id) DO UPDATE SET "
      "scheduled = t.scheduled + EXCLUDED.scheduled, cancelled = t.cancelled + EXCLUDED.cancelled",
      cohort_id, fed, change.scheduled, change.cancelled);
}

void lock_for_record(pqxx::work& tx, const std::string& participant_id,
                     const std::string& session_id) {
  tx.exec_params(
      "SELECT pg_advisory_xact_lock_shared(hashtext($1), hashtext($2)), "
      "pg_advisory_xact_lock_shared(hashtext($3), hashtext($4))",
      kParticipantLock, participant_id, kSessionLock, session_id);
}
void lock_participant(pqxx::work& tx, const std::string& participant_id) {
  lock(tx, kParticipantLock, participant_id, false);
}
void lock_session(pqxx::work& tx, const std::string& session_id) {
  lock(tx, kSessionLock, session_id, false);
}
void lock_placement_moves(pqxx::work& tx) {
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1), 0)", kPlacementMoves);
}

PlacedRecord placed(const RecordRow& record, std::optional<std::string> organisation_id,
                    bool session_counts) {
  return {{record.session_id, record.cohort_id, record.participant_id,
           record.module_id.value_or(std::string(kNoModule)), std::move(organisation_id),
           session_counts},
          tally_of(record.status, 1, record.minutes)};
}

RecordContext record_context(pqxx::work& tx, const Federation& fed,
                             const std::string& participant_id, const std::string& session_id) {
  const auto row = tx.exec_params1(
      "SELECT (SELECT organisation_id FROM participants WHERE federation_id = $1 AND id = $2), "
      "(SELECT status FROM sessions WHERE federation_id = $1 AND id = $3)",
      fed, participant_id, session_id);
  RecordContext context;
  if (!row[0].is_null()) context.organisation_id = row[0].as<std::string>();
  std::optional<std::string> session_status;
  if (!row[1].is_null()) session_status = row[1].as<std::string>();
  context.session_counts = session_counts(session_status);
  return context;
}

std::vector<RecordInContext> records_of_session(pqxx::work& tx, const Federation& fed,
                                                const std::string& session_id) {
  std::vector<RecordInContext> records;
  for (const auto& row : tx.exec_params(
           std::string(kRecordsInContext) + "WHERE a.federation_id = $1 AND a.session_id = $2", fed,
           session_id)) {
    records.push_back(record_in_context(row));
  }
  return records;
}

std::vector<RecordInContext> records_of_participant(pqxx::work& tx, const Federation& fed,
                                                    const std::string& participant_id) {
  std::vector<RecordInContext> records;
  for (const auto& row : tx.exec_params(
           std::string(kRecordsInContext) + "WHERE a.federation_id = $1 AND a.participant_id = $2",
           fed, participant_id)) {
    records.push_back(record_in_context(row));
  }
  return records;
}

}  // namespace samverkan::reporting::repo
