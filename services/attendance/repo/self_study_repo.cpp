#include "self_study_repo.hpp"

#include <samverkan/db/nullable.hpp>
#include <stdexcept>

#include "attendance_repo.hpp"

namespace samverkan::attendance::repo {

namespace {

constexpr const char* kColumns =
    "id, federation_id, participant_id, organisation_id, cohort_id, module_id, "
    "to_char(studied_on, 'YYYY-MM-DD'), minutes, description, status, decision_reason, logged_by, "
    "to_char(logged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), decided_by, "
    "to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), version";

std::optional<std::string> optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::string>();
}

SelfStudyEntry entry_from(const pqxx::row& r) {
  const auto status = parse_self_study_status(r[9].c_str());
  if (!status) throw std::logic_error("self-study row with an unknown status");
  return SelfStudyEntry{r[0].as<std::string>(),
                        ids::FederationId(r[1].as<std::string>()),
                        ids::ParticipantId(r[2].as<std::string>()),
                        ids::OrganisationId(r[3].as<std::string>()),
                        ids::CohortId(r[4].as<std::string>()),
                        ids::ModuleId(r[5].as<std::string>()),
                        r[6].as<std::string>(),
                        r[7].as<std::int64_t>(),
                        r[8].as<std::string>(),
                        *status,
                        optional_text(r[10]),
                        r[11].as<std::string>(),
                        r[12].as<std::string>(),
                        optional_text(r[13]),
                        optional_text(r[14]),
                        r[15].as<std::int64_t>()};
}

}  // namespace

SelfStudyContext self_study_context(pqxx::work& tx, const ids::FederationId& fed,
                                    const ids::ParticipantId& participant,
                                    const ids::CohortId& cohort, const ids::ModuleId& module) {
  const auto row = tx.exec_params1(
      "SELECT COALESCE((SELECT allowed FROM self_study_policies WHERE federation_id = $1 AND "
      "cohort_id = $2), false), "
      "EXISTS (SELECT 1 FROM sessions WHERE federation_id = $1 AND cohort_id = $2 AND module_id = "
      "$3), to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
      fed.str(), cohort.str(), module.str());
  SelfStudyContext context;
  context.allowed = row[0].as<bool>();
  context.module_of_cohort = row[1].as<bool>();
  context.today = row[2].as<std::string>();
  const auto enrolments = tx.exec_params(
      "SELECT id, organisation_id, status, to_char(approved_at AT TIME ZONE 'UTC', "
      "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), to_char(left_on, 'YYYY-MM-DD'), version, "
      "module_ids::text FROM enrolments WHERE federation_id = $1 AND participant_id = $2 AND "
      "cohort_id = $3 ORDER BY status = 'approved' DESC, version DESC LIMIT 1",
      fed.str(), participant.str(), cohort.str());
  if (!enrolments.empty()) {
    const auto& e = enrolments[0];
    const auto status = parse_enrolment_status(e[2].c_str());
    if (!status) throw std::logic_error("enrolment replica with an unknown status");
    std::optional<std::chrono::year_month_day> left_on;
    if (!e[4].is_null()) left_on = parse_date(e[4].c_str());
    std::optional<std::vector<ids::ModuleId>> module_ids;
    if (!e[6].is_null()) {
      module_ids.emplace();
      for (auto& id : strings_from(e[6].c_str())) module_ids->emplace_back(std::move(id));
    }
    context.enrolment = Enrolment{ids::EnrolmentId(e[0].as<std::string>()),
                                  fed,
                                  participant,
                                  ids::OrganisationId(e[1].as<std::string>()),
                                  cohort,
                                  *status,
                                  optional_text(e[3]),
                                  left_on,
                                  std::move(module_ids),
                                  e[5].as<std::int64_t>()};
  }
  return context;
}

void insert_self_study(pqxx::work& tx, const SelfStudyEntry& e) {
  tx.exec_params(
      "INSERT INTO self_study (id, federation_id, participant_id, organisation_id, cohort_id, "
      "module_id, studied_on, minutes, description, status, logged_by, logged_at, version) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10, $11, $12, $13)",
      e.id, e.federation.str(), e.participant.str(), e.organisation.str(), e.cohort.str(),
      e.module.str(), e.studied_on, static_cast<long>(e.minutes), e.description,
      std::string(to_string(e.status)), e.logged_by, e.logged_at, static_cast<long>(e.version));
}

std::optional<SelfStudyEntry> lock_self_study(pqxx::work& tx, const ids::FederationId& fed,
                                              const std::string& id) {
  const auto rows = tx.exec_params(std::string("SELECT ") + kColumns +
                                       " FROM self_study WHERE federation_id = $1 AND id = $2 "
                                       "FOR UPDATE",
                                   fed.str(), id);
  if (rows.empty()) return std::nullopt;
  return entry_from(rows[0]);
}

void update_self_study(pqxx::work& tx, const SelfStudyEntry& next) {
  const auto result = tx.exec_params(
      "UPDATE self_study SET status = $3, decision_reason = $4, decided_by = $5, decided_at = $6, "
      "version = $7 WHERE federation_id = $1 AND id = $2 AND version = $7 - 1",
      next.federation.str(), next.id, std::string(to_string(next.status)),
      db::nullable(next.decision_reason), db::nullable(next.decided_by),
      db::nullable(next.decided_at), static_cast<long>(next.version));
  if (result.affected_rows() != 1) throw std::logic_error("a self-study decision lost its lock");
}

std::vector<SelfStudyEntry> list_self_study(pqxx::work& tx, const ids::FederationId& fed,
                                            const ids::ParticipantId& participant) {
  std::vector<SelfStudyEntry> entries;
  for (const auto& row :
       tx.exec_params(std::string("SELECT ") + kColumns +
                          " FROM self_study WHERE federation_id = $1 AND participant_id = $2 "
                          "ORDER BY studied_on DESC, id",
                      fed.str(), participant.str())) {
    entries.push_back(entry_from(row));
  }
  return entries;
}

std::vector<SelfStudyLine> approved_self_study(pqxx::work& tx, const ids::FederationId& fed,
                                               const ids::ParticipantId& participant,
                                               const std::string& month) {
  std::vector<SelfStudyLine> lines;
  for (const auto& row : tx.exec_params(
           "SELECT id, module_id, to_char(studied_on, 'YYYY-MM-DD') AS day, minutes FROM "
           "self_study WHERE federation_id = $1 AND participant_id = $2 AND status = 'approved' "
           "AND to_char(studied_on, 'YYYY-MM') = $3 ORDER BY day, id",
           fed.str(), participant.str(), month)) {
    lines.push_back({row[0].as<std::string>(), ids::ModuleId(row[1].as<std::string>()),
                     row[2].as<std::string>(), row[3].as<std::int64_t>()});
  }
  return lines;
}

std::optional<std::int64_t> set_self_study_policy(pqxx::work& tx, const ids::FederationId& fed,
                                                  const ids::CohortId& cohort, bool allowed) {
  const auto rows = tx.exec_params(
      "INSERT INTO self_study_policies (federation_id, cohort_id, allowed, version) "
      "VALUES ($1, $2, $3, 1) ON CONFLICT (federation_id, cohort_id) DO UPDATE SET allowed = "
      "EXCLUDED.allowed, version = self_study_policies.version + 1 "
      "WHERE self_study_policies.allowed <> EXCLUDED.allowed RETURNING version",
      fed.str(), cohort.str(), allowed);
  if (rows.empty()) return std::nullopt;
  return rows[0][0].as<std::int64_t>();
}

}  // namespace samverkan::attendance::repo
