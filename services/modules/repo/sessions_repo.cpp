#include "sessions_repo.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <samverkan/db/nullable.hpp>
#include <stdexcept>

namespace samverkan::modules::repo {

namespace {

using db::nullable;

std::optional<std::string> optional_text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

// The jsonb array of trainer subjects, as the table's CHECK keeps it.
std::vector<std::string> subjects_from(const pqxx::field& f) {
  std::vector<std::string> subjects;
  const auto parsed = boost::json::parse(f.c_str());
  for (const auto& value : parsed.as_array()) {
    subjects.emplace_back(value.as_string());
  }
  return subjects;
}

// The jsonb object of trainer names by subject.
std::map<std::string, std::string> names_from(const pqxx::field& f) {
  std::map<std::string, std::string> names;
  const auto parsed = boost::json::parse(f.c_str());
  for (const auto& entry : parsed.as_object()) {
    names.emplace(std::string(entry.key()), std::string(entry.value().as_string()));
  }
  return names;
}

std::string names_text(const Session& s) {
  boost::json::object names;
  for (const auto& [subject, name] : s.trainer_names) names[subject] = name;
  return boost::json::serialize(names);
}

std::string subjects_text(const Session& s) {
  return boost::json::serialize(
      boost::json::array(s.trainer_subjects.begin(), s.trainer_subjects.end()));
}

// What each read and RETURNING selects, in the order session_from reads it.
constexpr const char* kColumns =
    "id, cohort_id, module_id, kind, title, floor(extract(epoch FROM starts_at))::bigint, "
    "floor(extract(epoch FROM ends_at))::bigint, time_zone, delivery, location, status, "
    "cancellation_reason, "
    "version, to_char(starts_at AT TIME ZONE time_zone, 'YYYY-MM-DD\"T\"HH24:MI'), "
    "to_char(ends_at AT TIME ZONE time_zone, 'YYYY-MM-DD\"T\"HH24:MI'), trainer_subjects::text, "
    "trainer_names::text";

SessionRow session_from(const pqxx::row& r, const ids::FederationId& fed) {
  SessionRow row;
  Session& s = row.session;
  s.id = ids::SessionId(r[0].as<std::string>());
  s.federation = fed;
  s.cohort = ids::CohortId(r[1].as<std::string>());
  if (!r[2].is_null()) s.module = ids::ModuleId(r[2].as<std::string>());
  s.kind = r[3].as<std::string>();
  s.title = r[4].as<std::string>();
  s.starts_at = r[5].as<std::int64_t>();
  s.ends_at = r[6].as<std::int64_t>();
  s.time_zone = r[7].as<std::string>();
  s.delivery = r[8].as<std::string>();
  s.location = optional_text(r[9]);
  const auto status = session_status_from_string(r[10].as<std::string>());
  if (!status) throw std::logic_error("sessions.status holds a value the domain does not know");
  s.status = *status;
  s.cancellation_reason = optional_text(r[11]);
  s.version = r[12].as<std::int64_t>();
  row.local_start = r[13].as<std::string>();
  row.local_end = r[14].as<std::string>();
  s.trainer_subjects = subjects_from(r[15]);
  s.trainer_names = names_from(r[16]);
  return row;
}

std::optional<SessionRow> maybe(const pqxx::result& rows, const ids::FederationId& fed) {
  if (rows.empty()) return std::nullopt;
  return session_from(rows[0], fed);
}

const char* module_text(const Session& s) { return s.module ? s.module->str().c_str() : nullptr; }

}  // namespace

SessionRow insert_session(pqxx::transaction_base& tx, const Session& s) {
  auto rows = tx.exec_params(
      std::string("INSERT INTO sessions (id, federation_id, cohort_id, module_id, kind, title, "
                  "starts_at, ends_at, "
                  "time_zone, delivery, location, status, cancellation_reason, version, "
                  "trainer_subjects, trainer_names) "
                  "VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7), to_timestamp($8), $9, $10, "
                  "$11, $12, $13, $14, $15::jsonb, $16::jsonb) "
                  "RETURNING ") +
          kColumns,
      s.id.str(), s.federation.str(), s.cohort.str(), module_text(s), s.kind, s.title, s.starts_at,
      s.ends_at, s.time_zone, s.delivery, nullable(s.location), std::string(to_string(s.status)),
      nullable(s.cancellation_reason), s.version, subjects_text(s), names_text(s));
  return session_from(rows.at(0), s.federation);
}

std::optional<SessionRow> find_session(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                       const ids::SessionId& id) {
  return maybe(tx.exec_params(std::string("SELECT ") + kColumns +
                                  " FROM sessions WHERE federation_id = $1 AND id = $2",
                              fed.str(), id.str()),
               fed);
}

std::optional<SessionRow> lock_session(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                       const ids::SessionId& id) {
  return maybe(tx.exec_params(std::string("SELECT ") + kColumns +
                                  " FROM sessions WHERE federation_id = $1 AND id = $2 FOR UPDATE",
                              fed.str(), id.str()),
               fed);
}

SessionRow update_session(pqxx::transaction_base& tx, const Session& next) {
  // Only what a change may touch: times, status, the cancellation's reason, the trainers and the
  // version.
  auto rows = tx.exec_params(
      std::string("UPDATE sessions SET starts_at = to_timestamp($3), ends_at = to_timestamp($4), "
                  "status = $5, "
                  "cancellation_reason = $6, version = $7, trainer_subjects = $8::jsonb, "
                  "trainer_names = $9::jsonb "
                  "WHERE federation_id = $1 AND id = $2 AND version = $7 - 1 RETURNING ") +
          kColumns,
      next.federation.str(), next.id.str(), next.starts_at, next.ends_at,
      std::string(to_string(next.status)), nullable(next.cancellation_reason), next.version,
      subjects_text(next), names_text(next));
  if (rows.empty()) throw std::logic_error("session changed under a held lock");
  return session_from(rows[0], next.federation);
}

bool session_in_cohort(pqxx::transaction_base& tx, const ids::FederationId& fed,
                       const ids::CohortId& cohort, const ids::SessionId& id) {
  return !tx.exec_params(
                "SELECT 1 FROM sessions WHERE federation_id = $1 AND cohort_id = $2 AND id = $3",
                fed.str(), cohort.str(), id.str())
              .empty();
}

std::vector<SessionRow> list_sessions(pqxx::transaction_base& tx, const ids::FederationId& fed,
                                      const ids::CohortId& cohort, const runtime::Page& page) {
  // Sessions read best in time order; the cursor is still the id, so order by (starts_at, id).
  auto rows = tx.exec_params(std::string("SELECT ") + kColumns +
                                 " FROM sessions WHERE federation_id = $1 AND cohort_id = $2 AND "
                                 "($3 = '' OR (starts_at, id) > "
                                 "(SELECT starts_at, id FROM sessions WHERE federation_id = $1 AND "
                                 "cohort_id = $2 AND id = $3::uuid)) "
                                 "ORDER BY starts_at, id LIMIT $4",
                             fed.str(), cohort.str(), page.after, page.limit);
  std::vector<SessionRow> items;
  items.reserve(rows.size());
  for (const auto& row : rows) items.push_back(session_from(row, fed));
  return items;
}

}  // namespace samverkan::modules::repo
