#include "import_repo.hpp"

#include <samverkan/db/versioned_upsert.hpp>
#include <stdexcept>

namespace samverkan::attendance::repo {

namespace {

// A PostgreSQL text array literal of lower-case addresses ("{a@x.se,b@y.se}"); the addresses
// were checked to hold none of , { } " \ or spaces.
std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ',';
    out += items[i];
  }
  return out + "}";
}

std::vector<std::string> array_items(const pqxx::field& field) {
  std::vector<std::string> out;
  if (field.is_null()) return out;
  auto parser = field.as_array();
  for (auto [kind, text] = parser.get_next(); kind != pqxx::array_parser::juncture::done;
       std::tie(kind, text) = parser.get_next()) {
    if (kind == pqxx::array_parser::juncture::string_value) out.push_back(text);
  }
  return out;
}

}  // namespace

std::optional<ImportSession> load_import_session(pqxx::work& tx, const ids::FederationId& fed,
                                                 const ids::SessionId& session) {
  // A timestamp without zone has the wall clock's fields, so its epoch is the local seconds.
  const auto rows = tx.exec_params(
      "SELECT s.status, "
      "extract(epoch FROM s.starts_at AT TIME ZONE s.time_zone)::bigint, "
      "extract(epoch FROM s.ends_at AT TIME ZONE s.time_zone)::bigint, "
      "extract(epoch FROM (s.starts_at AT TIME ZONE s.time_zone) - "
      "(s.starts_at AT TIME ZONE 'UTC'))::bigint, p.present_percent "
      "FROM sessions s "
      "LEFT JOIN cohorts c ON c.federation_id = s.federation_id AND c.id = s.cohort_id "
      "LEFT JOIN programme_policies p ON p.federation_id = s.federation_id "
      "AND p.id = c.programme_id "
      "WHERE s.federation_id = $1 AND s.id = $2",
      fed.str(), session.str());
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  const auto status = parse_session_status(row[0].c_str());
  if (!status) throw std::logic_error("session replica with an unknown status");
  std::optional<std::int64_t> present_percent;  // null: no programme (or cohort) known
  if (!row[4].is_null()) present_percent = row[4].as<std::int64_t>();
  return ImportSession{*status,
                       {row[1].as<std::int64_t>(), row[2].as<std::int64_t>()},
                       row[3].as<std::int64_t>(),
                       meeting_report::policy_of(present_percent)};
}

bool upsert_cohort_programme(pqxx::work& tx, const CohortProgramme& cohort) {
  return db::upsert_if_newer(tx, {"cohorts",
                                  "id",
                                  {{"id", cohort.cohort.str()},
                                   {"federation_id", cohort.federation.str()},
                                   {"programme_id", cohort.programme.str()}},
                                  cohort.version});
}

bool upsert_programme_policy(pqxx::work& tx, const ProgrammePolicy& programme) {
  return db::upsert_if_newer(tx, {"programme_policies",
                                  "id",
                                  {{"id", programme.programme.str()},
                                   {"federation_id", programme.federation.str()},
                                   {"present_percent", std::to_string(programme.present_percent)}},
                                  programme.version});
}

std::vector<meeting_report::Expected> expected_at(pqxx::work& tx, const ids::FederationId& fed,
                                                  const ids::SessionId& session) {
  const auto rows = tx.exec_params(
      "SELECT DISTINCT ON (e.participant_id) e.participant_id, p.email, a.emails "
      "FROM sessions s JOIN enrolments e ON e.federation_id = s.federation_id "
      "AND e.cohort_id = s.cohort_id "
      "LEFT JOIN participants p ON p.federation_id = s.federation_id AND p.id = e.participant_id "
      "LEFT JOIN participant_email_aliases a ON a.federation_id = s.federation_id "
      "AND a.participant_id = e.participant_id "
      "WHERE s.federation_id = $1 AND s.id = $2 "
      "AND (e.status = 'approved' OR (e.status = 'withdrawn' AND e.approved_at IS NOT NULL "
      "AND e.left_on IS NOT NULL)) "
      "AND (e.left_on IS NULL OR e.left_on >= (s.starts_at AT TIME ZONE s.time_zone)::date) "
      "ORDER BY e.participant_id",
      fed.str(), session.str());
  std::vector<meeting_report::Expected> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    meeting_report::Expected e{row[0].as<std::string>(), {}};
    if (!row[1].is_null()) e.emails.push_back(row[1].as<std::string>());
    for (auto& alias : array_items(row[2])) e.emails.push_back(std::move(alias));
    out.push_back(std::move(e));
  }
  return out;
}

void insert_import(pqxx::work& tx, const ImportRow& r) {
  tx.exec_params(
      "INSERT INTO attendance_imports (id, federation_id, session_id, file_sha256, format, rows, "
      "changes, imported_by, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
      r.id, r.federation.str(), r.session.str(), r.file_sha256, r.format, static_cast<long>(r.rows),
      static_cast<long>(r.changes), r.imported_by, r.imported_at);
}

bool upsert_participant(pqxx::work& tx, const ParticipantEmail& p) {
  return db::upsert_if_newer(tx, {"participants",
                                  "id",
                                  {{"id", p.id.str()},
                                   {"federation_id", p.federation.str()},
                                   {"organisation_id", p.organisation.str()},
                                   {"email", p.email}},
                                  p.version});
}

std::vector<std::string> organisations_of(pqxx::work& tx, const ids::FederationId& fed,
                                          const ids::ParticipantId& participant) {
  const auto rows = tx.exec_params(
      "SELECT organisation_id::text FROM participants WHERE federation_id = $1 AND id = $2 "
      "UNION SELECT organisation_id::text FROM enrolments WHERE federation_id = $1 "
      "AND participant_id = $2",
      fed.str(), participant.str());
  std::vector<std::string> out;
  for (const auto& row : rows) out.push_back(row[0].as<std::string>());
  return out;
}

Aliases load_aliases(pqxx::work& tx, const ids::FederationId& fed,
                     const ids::ParticipantId& participant, bool lock) {
  const auto rows = tx.exec_params(
      std::string("SELECT emails, version FROM participant_email_aliases WHERE federation_id = $1 "
                  "AND participant_id = $2") +
          (lock ? " FOR UPDATE" : ""),
      fed.str(), participant.str());
  if (rows.empty()) return {};
  return {array_items(rows[0][0]), rows[0][1].as<std::int64_t>()};
}

std::int64_t replace_aliases(pqxx::work& tx, const ids::FederationId& fed,
                             const ids::ParticipantId& participant,
                             const std::vector<std::string>& emails) {
  const auto row = tx.exec_params1(
      "INSERT INTO participant_email_aliases (participant_id, federation_id, emails, version) "
      "VALUES ($2, $1, $3::text[], 1) ON CONFLICT (participant_id) DO UPDATE SET emails = "
      "EXCLUDED.emails, version = participant_email_aliases.version + 1 "
      "WHERE participant_email_aliases.federation_id = $1 RETURNING version",
      fed.str(), participant.str(), array_literal(emails));
  return row[0].as<std::int64_t>();
}

}  // namespace samverkan::attendance::repo
