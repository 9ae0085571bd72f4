#include <samverkan/db/nullable.hpp>
#include <stdexcept>

#include "repo.hpp"

namespace samverkan::enrolment::repo {

namespace {
// Instants travel as integer milliseconds since the epoch, dates as ISO text: exact both ways.
constexpr const char* kColumns =
    "id, federation_id, participant_id, organisation_id, cohort_id, status, stage, "
    "(extract(epoch FROM requested_at) * 1000)::bigint, "
    "(extract(epoch FROM approved_at) * 1000)::bigint, approved_by, "
    "to_char(left_on, 'YYYY-MM-DD'), (extract(epoch FROM changed_at) * 1000)::bigint, version, "
    "to_char(started_on, 'YYYY-MM-DD'), array_to_string(module_ids, ','), "
    // A waitlisted enrolment's place: those requested before it (ties by id) and itself.
    "CASE WHEN status = 'waitlisted' THEN (SELECT count(*) FROM enrolments w "
    "WHERE w.cohort_id = enrolments.cohort_id AND w.status = 'waitlisted' "
    "AND (w.requested_at, w.id) <= (enrolments.requested_at, enrolments.id)) END";

std::vector<ModuleId> split_ids(const std::string& text) {
  std::vector<ModuleId> ids;
  for (std::size_t start = 0; start < text.size();) {
    const auto end = std::min(text.find(',', start), text.size());
    ids.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return ids;
}

std::optional<std::string> joined(const std::optional<std::vector<ModuleId>>& ids) {
  if (!ids) return std::nullopt;
  std::string text;
  for (const auto& id : *ids) {
    if (!text.empty()) text += ",";
    text += id.str();
  }
  return text;
}

Timestamp at(std::int64_t millis) { return Timestamp(std::chrono::milliseconds(millis)); }
std::int64_t millis(Timestamp t) { return t.time_since_epoch().count(); }

[[noreturn]] void corrupt(const char* column) {
  throw std::runtime_error(std::string("enrolments: stored ") + column + " is not understood");
}

Enrolment enrolment_from(const pqxx::row& r) {
  Enrolment e;
  e.id = EnrolmentId(r[0].as<std::string>());
  e.federation = FederationId(r[1].as<std::string>());
  e.participant = ParticipantId(r[2].as<std::string>());
  e.organisation = OrganisationId(r[3].as<std::string>());
  e.cohort = CohortId(r[4].as<std::string>());
  const auto status = enrolment_status_from(r[5].as<std::string>());
  if (!status) corrupt("status");
  e.status = *status;
  if (!r[6].is_null()) {
    e.stage = stage_from(r[6].as<std::string>());
    if (!e.stage) corrupt("stage");
  }
  e.requested_at = at(r[7].as<std::int64_t>());
  if (!r[8].is_null()) e.approved_at = at(r[8].as<std::int64_t>());
  if (!r[9].is_null()) e.approved_by = r[9].as<std::string>();
  if (!r[10].is_null()) {
    e.left_on = parse_date(r[10].as<std::string>());
    if (!e.left_on) corrupt("left_on");
  }
  e.changed_at = at(r[11].as<std::int64_t>());
  e.version = r[12].as<std::int64_t>();
  if (!r[13].is_null()) {
    e.started_on = parse_date(r[13].as<std::string>());
    if (!e.started_on) corrupt("started_on");
  }
  if (!r[14].is_null()) e.module_ids = split_ids(r[14].as<std::string>());
  if (!r[15].is_null()) e.waitlist_position = r[15].as<std::int64_t>();
  return e;
}

std::optional<std::string> text(const std::optional<Stage>& stage) {
  return stage ? std::optional<std::string>(to_string(*stage)) : std::nullopt;
}
std::optional<std::string> text(const std::optional<Timestamp>& t) {
  return t ? std::optional<std::string>(std::to_string(millis(*t))) : std::nullopt;
}
std::optional<std::string> text(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}
}  // namespace

void insert_enrolment(pqxx::work& tx, const Enrolment& e) {
  tx.exec_params(
      "INSERT INTO enrolments (id, federation_id, participant_id, organisation_id, cohort_id, "
      "status, stage, requested_at, changed_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "'epoch'::timestamptz + $8::bigint * interval '1 millisecond', "
      "'epoch'::timestamptz + $9::bigint * interval '1 millisecond', $10)",
      e.id.str(), e.federation.str(), e.participant.str(), e.organisation.str(), e.cohort.str(),
      std::string(to_string(e.status)), db::nullable(text(e.stage)), millis(e.requested_at),
      millis(e.changed_at), e.version);
}

std::optional<Enrolment> find_enrolment(pqxx::work& tx, const FederationId& fed,
                                        const EnrolmentId& id, Lock lock) {
  const auto rows = tx.exec_params(std::string("SELECT ") + kColumns +
                                       " FROM enrolments WHERE federation_id = $1 AND id = $2" +
                                       (lock == Lock::ForUpdate ? " FOR UPDATE" : ""),
                                   fed.str(), id.str());
  if (rows.empty()) return std::nullopt;
  return enrolment_from(rows[0]);
}

bool update_enrolment(pqxx::work& tx, const Enrolment& next, std::int64_t expected_version) {
  if (next.version != expected_version + 1) {
    throw std::logic_error("update_enrolment: a change moves the version by exactly one");
  }
  const auto result = tx.exec_params(
      "UPDATE enrolments SET status = $4, stage = $5, "
      "approved_at = 'epoch'::timestamptz + $6::bigint * interval '1 millisecond', "
      "approved_by = $7, left_on = $8::date, "
      "changed_at = 'epoch'::timestamptz + $9::bigint * interval '1 millisecond', version = $10, "
      "started_on = $11::date, module_ids = string_to_array($12, ',')::uuid[] "
      "WHERE federation_id = $1 AND id = $2 AND version = $3",
      next.federation.str(), next.id.str(), expected_version, std::string(to_string(next.status)),
      db::nullable(text(next.stage)), db::nullable(text(next.approved_at)),
      db::nullable(next.approved_by), db::nullable(text(next.left_on)), millis(next.changed_at),
      next.version, db::nullable(text(next.started_on)), db::nullable(joined(next.module_ids)));
  return result.affected_rows() == 1;
}

std::vector<Enrolment> list_enrolments(pqxx::work& tx, const FederationId& fed,
                                       const std::optional<CohortId>& cohort,
                                       const std::optional<OrganisationId>& organisation,
                                       const runtime::Page& page,
                                       const std::optional<ParticipantId>& participant) {
  const auto cohort_text = cohort ? std::optional<std::string>(cohort->str()) : std::nullopt;
  const auto org_text =
      organisation ? std::optional<std::string>(organisation->str()) : std::nullopt;
  std::vector<Enrolment> out;
  for (const auto& r : tx.exec_params(
           std::string("SELECT ") + kColumns +
               " FROM enrolments WHERE federation_id = $1 "
               "AND ($2::uuid IS NULL OR cohort_id = $2::uuid) "
               "AND ($3::uuid IS NULL OR organisation_id = $3::uuid) "
               "AND ($6::uuid IS NULL OR participant_id = $6::uuid) "
               "AND ($4 = '' OR id > $4::uuid) ORDER BY id LIMIT $5",
           fed.str(), db::nullable(cohort_text), db::nullable(org_text), page.after, page.limit,
           db::nullable(participant ? std::optional<std::string>(participant->str())
                                    : std::nullopt))) {
    out.push_back(enrolment_from(r));
  }
  return out;
}

std::optional<Enrolment> find_enrolment_of(pqxx::work& tx, const FederationId& fed,
                                           const ParticipantId& participant, const CohortId& cohort,
                                           Lock lock) {
  const auto rows = tx.exec_params(std::string("SELECT ") + kColumns +
                                       " FROM enrolments WHERE federation_id = $1 AND "
                                       "participant_id = $2 AND cohort_id = $3" +
                                       (lock == Lock::ForUpdate ? " FOR UPDATE" : ""),
                                   fed.str(), participant.str(), cohort.str());
  if (rows.empty()) return std::nullopt;
  return enrolment_from(rows[0]);
}

std::vector<Enrolment> lock_waitlist(pqxx::work& tx, const FederationId& fed,
                                     const CohortId& cohort) {
  std::vector<Enrolment> queue;
  for (const auto& r : tx.exec_params(std::string("SELECT ") + kColumns +
                                          " FROM enrolments WHERE federation_id = $1 AND "
                                          "cohort_id = $2 AND status = 'waitlisted' "
                                          "ORDER BY requested_at, id FOR UPDATE",
                                      fed.str(), cohort.str())) {
    queue.push_back(enrolment_from(r));
  }
  return queue;
}

std::int64_t waitlist_position(pqxx::work& tx, const Enrolment& e) {
  return tx
      .exec_params1(
          "SELECT count(*) + 1 FROM enrolments WHERE federation_id = $1 AND cohort_id = $2 "
          "AND status = 'waitlisted' AND (requested_at, id) < "
          "('epoch'::timestamptz + $3::bigint * interval '1 millisecond', $4::uuid)",
          e.federation.str(), e.cohort.str(), millis(e.requested_at), e.id.str())[0]
      .as<std::int64_t>();
}

std::optional<Enrolment> lock_next_ended_enrolment(pqxx::work& tx, Date today) {
  const auto rows = tx.exec_params(
      std::string("SELECT ") + kColumns +
          " FROM enrolments WHERE status = 'approved' AND left_on IS NULL AND EXISTS ("
          "SELECT 1 FROM cohorts c WHERE c.id = enrolments.cohort_id AND c.federation_id = "
          "enrolments.federation_id AND c.ends_on < $1::date) ORDER BY cohort_id, id LIMIT 1 "
          "FOR UPDATE SKIP LOCKED",
      format_date(today));
  if (rows.empty()) return std::nullopt;
  return enrolment_from(rows[0]);
}

}  // namespace samverkan::enrolment::repo
