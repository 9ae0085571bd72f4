#include "attendance_repo.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <samverkan/db/nullable.hpp>
#include <samverkan/db/versioned_upsert.hpp>
#include <stdexcept>

namespace samverkan::attendance::repo {

namespace {

using db::nullable;

// recorded_at as the API and the events show it: UTC with milliseconds.
constexpr const char* kRecordedAt =
    "to_char(a.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";

// $1 federation, $2 session, $3 participant. No row: no such session. The enrolment is the
// participant's one in the session's cohort (enrolment keeps one per pair; an approved one wins
// should there ever be more). The record CTE carries the row lock.
const std::string kLoadForMark =
    std::string(
        "WITH s AS (SELECT id, cohort_id, module_id, status, version, "
        "(EXTRACT(EPOCH FROM ends_at - starts_at) / 60)::bigint AS minutes, "
        "to_char((starts_at AT TIME ZONE time_zone)::date, 'YYYY-MM-DD') AS starts_on, "
        "to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS starts_at, "
        "to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS ends_at, "
        "time_zone, trainer_subjects::text AS trainers, "
        "floor(extract(epoch FROM starts_at))::bigint AS starts_epoch FROM sessions "
        "WHERE federation_id = $1 AND id = $2), "
        "r AS (SELECT a.id, a.status, a.minutes, a.revision, a.recorded_by, a.source, ") +
    kRecordedAt +
    " AS recorded_at FROM attendance a WHERE a.federation_id = $1 AND a.session_id = $2 "
    "AND a.participant_id = $3 FOR UPDATE) "
    "SELECT s.cohort_id, s.module_id, s.status, s.version, s.minutes, s.starts_on, "
    "s.starts_at, s.ends_at, s.time_zone, "                                     // 0-8
    "e.id, e.organisation_id, e.status, e.approved_at, e.left_on, e.version, "  // 9-14
    "r.id, r.status, r.minutes, r.revision, r.recorded_by, r.recorded_at, "     // 15-20
    "r.source, s.trainers, e.module_ids, s.starts_epoch "                       // 21-24
    "FROM s LEFT JOIN LATERAL (SELECT id, organisation_id, status, module_ids::text, "
    "to_char(approved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS "
    "approved_at, to_char(left_on, 'YYYY-MM-DD') AS left_on, version FROM enrolments "
    "WHERE federation_id = $1 AND participant_id = $3 AND cohort_id = s.cohort_id "
    "ORDER BY status = 'approved' DESC, version DESC LIMIT 1) e ON true "
    "LEFT JOIN r ON true";

// $1 id, $2 federation, $3 session, $4 participant, $5 status, $6 minutes, $7 recorded_by,
// $8 recorded_at, $9 source, $10 reason, $11 import id, $12 file SHA-256. The revision row goes in
// the same statement; no row at all when the pair exists.
constexpr const char* kInsertFirst =
    "WITH rec AS (INSERT INTO attendance (id, federation_id, session_id, participant_id, status, "
    "minutes, revision, recorded_by, recorded_at, source) "
    "VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $9) "
    "ON CONFLICT (session_id, participant_id) DO NOTHING RETURNING id) "
    "INSERT INTO attendance_revisions (record_id, revision, status, minutes, recorded_by, "
    "recorded_at, source, reason, import_id, file_sha256) "
    "SELECT id, 1, $5, $6, $7, $8, $9, $10, $11::uuid, $12 FROM rec";

// $1 id, $2 federation, $3 status, $4 minutes, $5 revision, $6 recorded_by, $7 recorded_at,
// $8 source, $9 reason, $10 import id, $11 file SHA-256. The revision guard turns a lost lock (a
// bug) into zero rows instead of a skipped revision.
constexpr const char* kUpdateRevision =
    "WITH rec AS (UPDATE attendance SET status = $3, minutes = $4, revision = $5, recorded_by = "
    "$6, recorded_at = $7, source = $8 "
    "WHERE id = $1 AND federation_id = $2 AND revision = $5 - 1 RETURNING id) "
    "INSERT INTO attendance_revisions (record_id, revision, status, minutes, recorded_by, "
    "recorded_at, source, reason, import_id, file_sha256) "
    "SELECT id, $5, $3, $4, $6, $7, $8, $9, $10::uuid, $11 FROM rec";

// $1 federation, $2 session, $3 participant, $4 organisation or null. One row with null record
// columns when the pair has no record (or the coordinator's organisation does not enrol the
// participant); no row when there is no such session.
const std::string kHistory = std::string(
    "SELECT a.id, v.revision, v.status, v.minutes, v.recorded_by, "
    "to_char(v.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
    "v.source, v.reason, v.import_id, v.file_sha256 "
    "FROM sessions s LEFT JOIN attendance a ON a.federation_id = s.federation_id "
    "AND a.session_id = s.id AND a.participant_id = $3 "
    "AND ($4::uuid IS NULL OR EXISTS (SELECT 1 FROM enrolments e WHERE e.federation_id = "
    "s.federation_id AND e.participant_id = a.participant_id AND e.cohort_id = s.cohort_id "
    "AND e.organisation_id = $4::uuid)) "
    "LEFT JOIN attendance_revisions v ON v.record_id = a.id "
    "WHERE s.federation_id = $1 AND s.id = $2 ORDER BY v.revision");

// $1 federation, $2 session, $3 organisation or null. One row with null record columns when the
// session has no records; no row when there is no such session.
const std::string kListForSession =
    std::string("SELECT a.id, a.participant_id, a.status, a.minutes, a.revision, a.recorded_by, ") +
    kRecordedAt +
    " FROM sessions s LEFT JOIN attendance a ON a.federation_id = s.federation_id AND a.session_id "
    "= s.id "
    "AND ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM enrolments e WHERE e.federation_id = "
    "s.federation_id "
    "AND e.participant_id = a.participant_id AND e.cohort_id = s.cohort_id AND e.organisation_id = "
    "$3::uuid)) "
    "WHERE s.federation_id = $1 AND s.id = $2 ORDER BY a.participant_id";

constexpr const char* kLoad = "attendance_load_for_mark";
constexpr const char* kInsert = "attendance_insert_first";
constexpr const char* kUpdate = "attendance_update_revision";
constexpr const char* kList = "attendance_list_for_session";

Source source_of(const pqxx::field& field) {
  const auto source = parse_source(field.c_str());
  if (!source) throw std::logic_error("attendance row with an unknown source");
  return *source;
}

// The revision's provenance as statement parameters: source, reason, import id, file SHA-256.
struct Provenance {
  std::string source;
  std::optional<std::string> reason, import_id, file_sha256;
  explicit Provenance(const Record& r) : source(to_string(r.source)), reason(r.reason) {
    if (r.import) {
      import_id = r.import->import_id;
      file_sha256 = r.import->file_sha256;
    }
  }
};

Status status_of(const pqxx::field& field) {
  const auto status = parse_status(field.c_str());
  if (!status) throw std::logic_error("attendance row with an unknown status");
  return *status;
}

template <class Id>
std::optional<Id> optional_id(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return Id(field.as<std::string>());
}

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

std::optional<std::string> date_text(const std::optional<std::chrono::year_month_day>& date) {
  if (!date) return std::nullopt;
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date->year()),
                static_cast<unsigned>(date->month()), static_cast<unsigned>(date->day()));
  return std::string(buffer);
}

std::chrono::year_month_day date_of(const pqxx::field& field) {
  const auto date = parse_date(field.c_str());
  if (!date) throw std::logic_error("unreadable date from the database");
  return *date;
}

std::optional<std::vector<ids::ModuleId>> module_ids_from(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  std::vector<ids::ModuleId> ids;
  for (auto& text : strings_from(field.c_str())) ids.emplace_back(std::move(text));
  return ids;
}

std::optional<std::string> trainers_text(const Session& s) {
  return boost::json::serialize(
      boost::json::array(s.trainer_subjects.begin(), s.trainer_subjects.end()));
}

std::optional<std::string> module_ids_text(const std::optional<std::vector<ids::ModuleId>>& ids) {
  if (!ids) return std::nullopt;
  boost::json::array array;
  for (const auto& id : *ids) array.emplace_back(id.str());
  return boost::json::serialize(array);
}

}  // namespace

std::vector<std::string> strings_from(std::string_view json_array) {
  const auto parsed = boost::json::parse(json_array);
  std::vector<std::string> strings;
  for (const auto& value : parsed.as_array()) strings.emplace_back(value.as_string());
  return strings;
}

std::vector<db::PreparedStatement> prepared_statements() {
  return {{kLoad, kLoadForMark},
          {kInsert, kInsertFirst},
          {kUpdate, kUpdateRevision},
          {kList, kListForSession}};
}

std::optional<Loaded> load_for_mark(pqxx::work& tx, const ids::FederationId& fed,
                                    const ids::SessionId& session,
                                    const ids::ParticipantId& participant) {
  const auto rows = tx.exec_prepared(kLoad, fed.str(), session.str(), participant.str());
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  Loaded loaded;
  auto& ctx = loaded.context;
  const auto session_status = parse_session_status(row[2].c_str());
  if (!session_status) throw std::logic_error("session replica with an unknown status");
  ctx.session = Session{session,
                        fed,
                        ids::CohortId(row[0].as<std::string>()),
                        optional_id<ids::ModuleId>(row[1]),
                        *session_status,
                        row[6].as<std::string>(),
                        row[7].as<std::string>(),
                        row[8].as<std::string>(),
                        strings_from(row[22].c_str()),
                        row[3].as<std::int64_t>()};
  ctx.session_minutes = row[4].as<std::int64_t>();
  ctx.starts_epoch = row[24].as<std::int64_t>();
  ctx.starts_on = date_of(row[5]);
  if (!row[9].is_null()) {
    const auto enrolment_status = parse_enrolment_status(row[11].c_str());
    if (!enrolment_status) throw std::logic_error("enrolment replica with an unknown status");
    std::optional<std::chrono::year_month_day> left_on;
    if (!row[13].is_null()) left_on = date_of(row[13]);
    ctx.enrolment = Enrolment{ids::EnrolmentId(row[9].as<std::string>()),
                              fed,
                              participant,
                              ids::OrganisationId(row[10].as<std::string>()),
                              ctx.session.cohort,
                              *enrolment_status,
                              optional_text(row[12]),
                              left_on,
                              module_ids_from(row[23]),
                              row[14].as<std::int64_t>()};
  }
  if (!row[15].is_null()) {
    loaded.current = Record{ids::RecordId(row[15].as<std::string>()),
                            fed,
                            session,
                            participant,
                            status_of(row[16]),
                            row[17].as<std::int64_t>(),
                            row[18].as<std::int64_t>(),
                            row[19].as<std::string>(),
                            row[20].as<std::string>(),
                            source_of(row[21])};
  }
  return loaded;
}

bool insert_first(pqxx::work& tx, const Record& r) {
  const Provenance p(r);
  const auto result = tx.exec_prepared(
      kInsert, r.id.str(), r.federation.str(), r.session.str(), r.participant.str(),
      std::string(to_string(r.status)), static_cast<long>(r.minutes), r.recorded_by, r.recorded_at,
      p.source, nullable(p.reason), nullable(p.import_id), nullable(p.file_sha256));
  return result.affected_rows() == 1;
}

void update_revision(pqxx::work& tx, const Record& r) {
  const Provenance p(r);
  const auto result = tx.exec_prepared(
      kUpdate, r.id.str(), r.federation.str(), std::string(to_string(r.status)),
      static_cast<long>(r.minutes), static_cast<long>(r.revision), r.recorded_by, r.recorded_at,
      p.source, nullable(p.reason), nullable(p.import_id), nullable(p.file_sha256));
  if (result.affected_rows() != 1) throw std::logic_error("a correction lost its record's lock");
}

std::optional<std::vector<Record>> list_for_session(
    pqxx::work& tx, const ids::FederationId& fed, const ids::SessionId& session,
    const std::optional<ids::OrganisationId>& organisation) {
  std::optional<std::string> org;
  if (organisation) org = organisation->str();
  const auto rows = tx.exec_prepared(kList, fed.str(), session.str(), nullable(org));
  if (rows.empty()) return std::nullopt;
  std::vector<Record> records;
  records.reserve(rows.size());
  for (const auto& row : rows) {
    if (row[0].is_null()) continue;  // the session without records
    records.push_back(Record{ids::RecordId(row[0].as<std::string>()), fed, session,
                             ids::ParticipantId(row[1].as<std::string>()), status_of(row[2]),
                             row[3].as<std::int64_t>(), row[4].as<std::int64_t>(),
                             row[5].as<std::string>(), row[6].as<std::string>()});
  }
  return records;
}

std::optional<std::vector<Record>> history(pqxx::work& tx, const ids::FederationId& fed,
                                           const ids::SessionId& session,
                                           const ids::ParticipantId& participant,
                                           const std::optional<ids::OrganisationId>& organisation) {
  std::optional<std::string> org;
  if (organisation) org = organisation->str();
  const auto rows =
      tx.exec_params(kHistory, fed.str(), session.str(), participant.str(), nullable(org));
  if (rows.empty()) return std::nullopt;
  std::vector<Record> revisions;
  for (const auto& row : rows) {
    if (row[0].is_null()) continue;  // no record
    Record r{ids::RecordId(row[0].as<std::string>()),
             fed,
             session,
             participant,
             status_of(row[2]),
             row[3].as<std::int64_t>(),
             row[1].as<std::int64_t>(),
             row[4].as<std::string>(),
             row[5].as<std::string>(),
             source_of(row[6]),
             optional_text(row[7])};
    if (!row[8].is_null()) r.import = ImportRef{row[8].as<std::string>(), row[9].as<std::string>()};
    revisions.push_back(std::move(r));
  }
  return revisions;
}

bool upsert_session(pqxx::work& tx, const Session& s) {
  std::optional<std::string> module;
  if (s.module) module = s.module->str();
  return db::upsert_if_newer(tx, {"sessions",
                                  "id",
                                  {{"id", s.id.str()},
                                   {"federation_id", s.federation.str()},
                                   {"cohort_id", s.cohort.str()},
                                   {"module_id", module},
                                   {"starts_at", s.starts_at},
                                   {"ends_at", s.ends_at},
                                   {"time_zone", s.time_zone},
                                   {"status", std::string(to_string(s.status))},
                                   {"trainer_subjects", trainers_text(s)}},
                                  s.version});
}

bool upsert_enrolment(pqxx::work& tx, const Enrolment& e) {
  return db::upsert_if_newer(tx, {"enrolments",
                                  "id",
                                  {{"id", e.id.str()},
                                   {"federation_id", e.federation.str()},
                                   {"participant_id", e.participant.str()},
                                   {"organisation_id", e.organisation.str()},
                                   {"cohort_id", e.cohort.str()},
                                   {"status", std::string(to_string(e.status))},
                                   {"approved_at", e.approved_at},
                                   {"left_on", date_text(e.left_on)},
                                   {"module_ids", module_ids_text(e.module_ids)}},
                                  e.version});
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0;
  unsigned month = 0, day = 0;
  const char* p = text.data();
  if (std::from_chars(p, p + 4, year).ptr != p + 4 ||
      std::from_chars(p + 5, p + 7, month).ptr != p + 7 ||
      std::from_chars(p + 8, p + 10, day).ptr != p + 10) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                         std::chrono::day(day)};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace samverkan::attendance::repo
