#pragma once
// SQL for meeting-report imports: the session's window in its own zone, the people expected at it
// with their e-mail addresses, the import rows, the participant e-mail replica and the aliases.
// Every query filters on the caller's federation.
#include <optional>
#include <pqxx/pqxx>
#include <samverkan/ids/ids.hpp>
#include <string>
#include <vector>

#include "../domain/attendance.hpp"
#include "../domain/meeting_report/presence.hpp"
#include "../domain/programme_policy.hpp"

namespace samverkan::attendance::repo {

struct ImportSession {
  SessionStatus status = SessionStatus::Scheduled;
  meeting_report::Window window;  // local seconds in the session's zone
  std::int64_t utc_offset = 0;    // the zone's offset at the start, in seconds
  meeting_report::Policy policy;  // its programme's, through the cohort (ADR 0072)
};
// nullopt: no such session in this federation. The zone's rules are PostgreSQL's (ADR 0051).
std::optional<ImportSession> load_import_session(pqxx::work& tx, const ids::FederationId& fed,
                                                 const ids::SessionId& session);

// The people expected at the session: an approved enrolment in its cohort (or withdrawn after
// approval) and no leaving date before the session's day; with their registered address and
// aliases, lower-cased.
std::vector<meeting_report::Expected> expected_at(pqxx::work& tx, const ids::FederationId& fed,
                                                  const ids::SessionId& session);

// The cohort and programme replicas behind a session's policy, merged by version.
bool upsert_cohort_programme(pqxx::work& tx, const CohortProgramme& cohort);
bool upsert_programme_policy(pqxx::work& tx, const ProgrammePolicy& programme);

struct ImportRow {
  std::string id;
  ids::FederationId federation;
  ids::SessionId session;
  std::string file_sha256, format;
  std::int64_t rows = 0, changes = 0;
  std::string imported_by, imported_at;
};
void insert_import(pqxx::work& tx, const ImportRow& row);

// participant.registered: the id, organisation and lower-cased e-mail, merged by version.
struct ParticipantEmail {
  ids::ParticipantId id;
  ids::FederationId federation;
  ids::OrganisationId organisation;
  std::string email;
  std::int64_t version = 1;
};
bool upsert_participant(pqxx::work& tx, const ParticipantEmail& participant);

// The organisations a participant belongs to as attendance knows them (the registration, the
// enrolments); empty: attendance does not know the participant.
std::vector<std::string> organisations_of(pqxx::work& tx, const ids::FederationId& fed,
                                          const ids::ParticipantId& participant);

struct Aliases {
  std::vector<std::string> emails;
  std::int64_t version = 0;  // 0: never set
};
Aliases load_aliases(pqxx::work& tx, const ids::FederationId& fed,
                     const ids::ParticipantId& participant, bool lock);
// Replaces the set; returns the new version.
std::int64_t replace_aliases(pqxx::work& tx, const ids::FederationId& fed,
                             const ids::ParticipantId& participant,
                             const std::vector<std::string>& emails);

}  // namespace samverkan::attendance::repo
