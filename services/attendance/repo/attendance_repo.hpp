#pragma once
// SQL for attendance records, their revisions and the session/enrolment replicas; rows map to and
// from the domain structs. Every query filters on the caller's federation. The hot-path queries
// are prepared statements (prepared_statements(), given to the pool at startup).
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/db/pool.hpp>
#include <string_view>
#include <vector>

#include "../domain/attendance.hpp"

namespace samverkan::attendance::repo {

// The statements the PUT and GET run, by name, for db::Pool.
std::vector<db::PreparedStatement> prepared_statements();

// The session, the participant's enrolment in its cohort and the current record, read in one
// round trip. The record row, if any, stays locked (FOR UPDATE) until the transaction ends, so
// corrections of one pair run one after another. nullopt: no such session in this federation.
struct Loaded {
  Context context;
  std::optional<Record> current;
};
std::optional<Loaded> load_for_mark(pqxx::work& tx, const ids::FederationId& fed,
                                    const ids::SessionId& session,
                                    const ids::ParticipantId& participant);

// Writes a first mark (revision 1) and its revision row in one statement. False when another
// transaction created the pair's record first (its insert committed, or it did and this one
// waited for it): the caller reloads, now finding that record to lock.
bool insert_first(pqxx::work& tx, const Record& record);
// Writes a correction of the locked record and its revision row in one statement.
void update_revision(pqxx::work& tx, const Record& record);

// nullopt: no such session. organisation: only participants enrolled through that organisation.
std::optional<std::vector<Record>> list_for_session(
    pqxx::work& tx, const ids::FederationId& fed, const ids::SessionId& session,
    const std::optional<ids::OrganisationId>& organisation);

// Every revision of the pair's record, oldest first (empty when it has none, or when organisation
// is given and does not enrol the participant in the session's cohort); nullopt: no such session.
std::optional<std::vector<Record>> history(pqxx::work& tx, const ids::FederationId& fed,
                                           const ids::SessionId& session,
                                           const ids::ParticipantId& participant,
                                           const std::optional<ids::OrganisationId>& organisation);

// The replicas: each stores the state only when its version is newer than the stored one.
bool upsert_session(pqxx::work& tx, const Session& session);
bool upsert_enrolment(pqxx::work& tx, const Enrolment& enrolment);

// A JSON array of strings as stored in a jsonb column (read as text).
std::vector<std::string> strings_from(std::string_view json_array);

// "YYYY-MM-DD" as a calendar date; nullopt if malformed.
std::optional<std::chrono::year_month_day> parse_date(std::string_view text);

}  // namespace samverkan::attendance::repo
