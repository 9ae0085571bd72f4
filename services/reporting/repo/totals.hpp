#pragma once
// The stored totals: placing records, adding changes, and the locks that keep concurrent
// transactions (several replicas, batches of events) from missing each other's records.
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "../domain/deltas.hpp"
#include "../domain/lifecycle.hpp"

namespace samverkan::reporting::repo {

using Federation = std::string;

// Adds each change to its total. Every statement increments in place (ON CONFLICT ... SET x =
// x + EXCLUDED.x), so two transactions adding to one total both count, in any order.
void add_adjustments(pqxx::work& tx, const Federation& fed, const Adjustments& changes);
void add_enrolment_counts(pqxx::work& tx, const Federation& fed, const std::string& cohort_id,
                          const std::string& organisation_id, const EnrolmentCounts& change);
void add_session_counts(pqxx::work& tx, const Federation& fed, const std::string& cohort_id,
                        const SessionCounts& change);

// A record's placement reads its participant's organisation and its session's status. A
// transaction that changes either must not read the records it moves while a record's writer is
// between reading that state and writing the record, or that record would keep a placement that
// no longer holds:
// - a record's writer takes shared locks on its participant and its session before reading them;
// - a participant's or session's writer that moves records takes the "placement move" lock, then
//   the exclusive lock on the participant or session, and only then reads the records. The fixed
//   order (move lock first) keeps a cancellation and an organisation change from deadlocking;
//   batches can still deadlock across replicas, which PostgreSQL breaks and the caller retries.
// Locks are held to commit.
void lock_for_record(pqxx::work& tx, const std::string& participant_id,
                     const std::string& session_id);
void lock_participant(pqxx::work& tx, const std::string& participant_id);
void lock_session(pqxx::work& tx, const std::string& session_id);
void lock_placement_moves(pqxx::work& tx);

struct RecordRow {
  std::string session_id, cohort_id, participant_id;
  std::optional<std::string> module_id;
  std::string status;
  std::int64_t minutes = 0;
};

// What a record's placement depends on besides the record: its participant's organisation and
// whether its session counts, as stored now.
struct RecordContext {
  std::optional<std::string> organisation_id;
  bool session_counts = true;
};
RecordContext record_context(pqxx::work& tx, const Federation& fed,
                             const std::string& participant_id, const std::string& session_id);
PlacedRecord placed(const RecordRow& record, std::optional<std::string> organisation_id,
                    bool session_counts);

// The current records of one session (with their participants' organisations) or of one
// participant (with their sessions' statuses), for moving their contributions.
struct RecordInContext {
  RecordRow record;
  std::optional<std::string> organisation_id;
  std::optional<std::string> session_status;
};
std::vector<RecordInContext> records_of_session(pqxx::work& tx, const Federation& fed,
                                                const std::string& session_id);
std::vector<RecordInContext> records_of_participant(pqxx::work& tx, const Federation& fed,
                                                    const std::string& participant_id);

}  // namespace samverkan::reporting::repo
