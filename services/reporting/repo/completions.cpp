#include "completions.hpp"

#include <algorithm>
#include <set>

namespace samverkan::reporting::repo {

namespace {

// Serialises the evaluations of one participant: whichever transaction evaluates second waits
// for the first to commit, and then reads its rows (READ COMMITTED reads per statement).
constexpr const char* kCompletionLock = "samverkan.reporting.completion";

// Enrolments that are measured: approved ones, and withdrawn ones (what was completed before
// leaving stays completed).
constexpr const char* kMeasured = "('approved', 'withdrawn')";

std::optional<std::string> text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

StoredCompletion stored_completion(pqxx::work& tx, const std::string& fed,
                                   const std::string& participant_id,
                                   const std::string& cohort_id) {
  const auto rows = tx.exec_params(
      "SELECT programme_id::text, complete, to_char(completed_on, 'YYYY-MM-DD'), version "
      "FROM participant_completions WHERE federation_id = $1 AND participant_id = $2 "
      "AND cohort_id = $3 FOR UPDATE",
      fed, participant_id, cohort_id);
  StoredCompletion s{fed, participant_id, cohort_id, "", false, std::nullopt, 0};
  if (!rows.empty()) {
    s.programme_id = rows[0][0].as<std::string>();
    s.complete = rows[0][1].as<bool>();
    s.completed_on = text(rows[0][2]);
    s.version = rows[0][3].as<std::int64_t>();
  }
  return s;
}

// Evaluates one participant against the plan (none: not measured, so not complete) and stores
// and emits a change.
void settle(pqxx::work& tx, const std::string& fed, const std::string& participant_id,
            const std::string& cohort_id, const std::optional<CohortPlan>& plan, bool measured,
            const CompletionSink& sink) {
  tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))", kCompletionLock,
                 participant_id);
  auto stored = stored_completion(tx, fed, participant_id, cohort_id);
  bool complete = false;
  std::optional<std::string> completed_on;
  if (plan && measured) {
    const auto c = evaluate_completion(plan->rule, plan->modules, plan->sessions,
                                       read_marks(tx, fed, participant_id, cohort_id),
                                       read_self_study(tx, fed, participant_id, cohort_id));
    complete = c.complete;
    completed_on = c.completed_on;
  }
  if (stored.programme_id.empty() && plan) stored.programme_id = plan->programme_id;
  const auto next = next_completion(stored, complete, completed_on);
  if (!next) return;
  tx.exec_params(
      "INSERT INTO participant_completions (participant_id, cohort_id, federation_id, "
      "programme_id, complete, completed_on, version) VALUES ($1, $2, $3, $4, $5, $6::date, $7) "
      "ON CONFLICT (participant_id, cohort_id) DO UPDATE SET complete = EXCLUDED.complete, "
      "completed_on = EXCLUDED.completed_on, version = EXCLUDED.version",
      participant_id, cohort_id, fed, next->programme_id, next->complete,
      next->completed_on ? next->completed_on->c_str() : nullptr, next->version);
  if (sink) sink(tx, CompletionChanged{*next});
}

// The participants of a cohort to evaluate, sorted (the order their locks are taken in), each
// with whether their enrolment is measured.
std::vector<std::pair<std::string, bool>> cohort_participants(pqxx::work& tx,
                                                              const std::string& fed,
                                                              const std::string& cohort_id,
                                                              bool with_enrolments) {
  std::vector<std::pair<std::string, bool>> out;
  for (const auto& row : tx.exec_params(
           std::string("SELECT participant_id::text, bool_or(measured) FROM ("
                       " SELECT participant_id, status IN ") +
               kMeasured +
               " AS measured FROM enrolments WHERE federation_id = $1 AND cohort_id = $2 AND $3"
               " UNION ALL SELECT participant_id, false FROM participant_completions"
               "  WHERE federation_id = $1 AND cohort_id = $2) x"
               " GROUP BY participant_id ORDER BY participant_id",
           fed, cohort_id, with_enrolments)) {
    out.emplace_back(row[0].as<std::string>(), row[1].as<bool>());
  }
  return out;
}

}  // namespace

std::optional<CohortPlan> read_cohort_plan(pqxx::transaction_base& tx, const std::string& fed,
                                           const std::string& cohort_id) {
  const auto head = tx.exec_params(
      "SELECT p.id::text, p.rule_threshold_percent, p.rule_basis, p.rule_excused_counts, "
      "p.rule_self_study_counts, p.rule_conferences_mandatory, p.min_electives "
      "FROM cohorts c JOIN programmes p ON p.id = c.programme_id AND p.federation_id = "
      "c.federation_id WHERE c.federation_id = $1 AND c.id = $2::uuid "
      "AND p.rule_threshold_percent IS NOT NULL",
      fed, cohort_id);
  if (head.empty()) return std::nullopt;
  const auto& h = head[0];
  CohortPlan plan;
  plan.cohort_id = cohort_id;
  plan.programme_id = h[0].as<std::string>();
  plan.rule = {h[1].as<std::int64_t>(), h[2].as<std::string>() == "hours",
               h[3].as<bool>(),         h[4].as<bool>(),
               h[5].as<bool>(),         h[6].as<std::int64_t>()};
  for (const auto& row :
       tx.exec_params("SELECT id::text, code, mandatory, planned_hours FROM modules "
                      "WHERE federation_id = $1 AND programme_id = $2::uuid ORDER BY code, id",
                      fed, plan.programme_id)) {
    plan.modules.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<bool>(),
                            row[3].as<std::int64_t>()});
  }
  for (const auto& row : tx.exec_params(
           "SELECT id::text, module_id::text, kind, "
           "to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
           "(extract(epoch FROM ends_at - starts_at) / 60)::bigint, status = 'cancelled' "
           "FROM sessions WHERE federation_id = $1 AND cohort_id = $2::uuid",
           fed, cohort_id)) {
    plan.sessions.push_back({row[0].as<std::string>(), text(row[1]), row[2].as<std::string>(),
                             row[3].as<std::string>(), row[4].as<std::int64_t>(),
                             row[5].as<bool>()});
  }
  return plan;
}

std::vector<Mark> read_marks(pqxx::transaction_base& tx, const std::string& fed,
                             const std::string& participant_id, const std::string& cohort_id) {
  std::vector<Mark> marks;
  for (const auto& row : tx.exec_params(
           "SELECT session_id::text, status, minutes FROM attendance WHERE federation_id = $1 "
           "AND participant_id = $2::uuid AND cohort_id = $3::uuid",
           fed, participant_id, cohort_id)) {
    marks.push_back(
        {row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::int64_t>()});
  }
  return marks;
}

namespace {
std::vector<StudiedMinutes> approved_self_study(pqxx::transaction_base& tx, const std::string& fed,
                                                const std::string& participant_id,
                                                const std::optional<std::string>& cohort_id) {
  std::vector<StudiedMinutes> out;
  for (const auto& row : tx.exec_params(
           "SELECT module_id::text, to_char(studied_on, 'YYYY-MM-DD'), minutes "
           "FROM self_study_entries WHERE federation_id = $1 AND participant_id = $2::uuid "
           "AND ($3::uuid IS NULL OR cohort_id = $3::uuid) AND status = 'approved' "
           "ORDER BY studied_on, entry_id",
           fed, participant_id, cohort_id ? cohort_id->c_str() : nullptr)) {
    out.push_back({row[0].as<std::string>(), row[1].as<std::string>(), row[2].as<std::int64_t>()});
  }
  return out;
}
}  // namespace

std::vector<StudiedMinutes> read_approved_self_study(pqxx::transaction_base& tx,
                                                     const std::string& fed,
                                                     const std::string& participant_id) {
  return approved_self_study(tx, fed, participant_id, std::nullopt);
}

std::vector<StudiedMinutes> read_self_study(pqxx::transaction_base& tx, const std::string& fed,
                                            const std::string& participant_id,
                                            const std::string& cohort_id) {
  return approved_self_study(tx, fed, participant_id, cohort_id);
}

std::vector<CohortCompletion> read_completions(pqxx::transaction_base& tx, const std::string& fed,
                                               const std::string& participant_id) {
  std::vector<CohortCompletion> out;
  for (const auto& row : tx.exec_params(
           std::string("SELECT DISTINCT cohort_id::text FROM enrolments WHERE federation_id = $1 "
                       "AND participant_id = $2::uuid AND status IN ") +
               kMeasured + " ORDER BY 1",
           fed, participant_id)) {
    const auto cohort_id = row[0].as<std::string>();
    const auto plan = read_cohort_plan(tx, fed, cohort_id);
    if (!plan) continue;
    out.push_back({cohort_id, plan->programme_id,
                   evaluate_completion(plan->rule, plan->modules, plan->sessions,
                                       read_marks(tx, fed, participant_id, cohort_id),
                                       read_self_study(tx, fed, participant_id, cohort_id))});
  }
  return out;
}

void refresh_participant_completions(pqxx::work& tx, const std::string& fed,
                                     const std::string& participant_id,
                                     const CompletionSink& sink) {
  // One statement finds the cohorts to look at: those of the participant's enrolments whose
  // programme has a rule, and those with a stored completion (which may have to be undone).
  const auto cohorts = tx.exec_params(
      std::string("SELECT x.cohort_id::text, bool_or(x.measured), bool_or(x.stored),"
                  " EXISTS (SELECT 1 FROM cohorts c JOIN programmes p ON p.id = c.programme_id"
                  "  WHERE c.federation_id = $1 AND c.id = x.cohort_id"
                  "  AND p.rule_threshold_percent IS NOT NULL) FROM ("
                  " SELECT cohort_id, status IN ") +
          kMeasured +
          " AS measured, false AS stored FROM enrolments"
          "  WHERE federation_id = $1 AND participant_id = $2"
          " UNION ALL SELECT cohort_id, false, true FROM participant_completions"
          "  WHERE federation_id = $1 AND participant_id = $2) x"
          " GROUP BY x.cohort_id ORDER BY 1",
      fed, participant_id);
  for (const auto& row : cohorts) {
    const bool has_rule = row[3].as<bool>();
    if (!has_rule && !row[2].as<bool>()) continue;  // never completed, nothing to measure
    const auto cohort_id = row[0].as<std::string>();
    const auto plan = has_rule ? read_cohort_plan(tx, fed, cohort_id) : std::nullopt;
    settle(tx, fed, participant_id, cohort_id, plan, row[1].as<bool>(), sink);
  }
}

void refresh_cohort_completions(pqxx::work& tx, const std::string& fed,
                                const std::string& cohort_id, const CompletionSink& sink) {
  const auto plan = read_cohort_plan(tx, fed, cohort_id);
  // Without a rule only stored completions can change (to not complete).
  for (const auto& [participant_id, measured] :
       cohort_participants(tx, fed, cohort_id, plan.has_value())) {
    settle(tx, fed, participant_id, cohort_id, plan, measured, sink);
  }
}

void refresh_programme_completions(pqxx::work& tx, const std::string& fed,
                                   const std::string& programme_id, const CompletionSink& sink) {
  for (const auto& row :
       tx.exec_params("SELECT id::text FROM cohorts WHERE federation_id = $1 AND programme_id = $2 "
                      "ORDER BY id",
                      fed, programme_id)) {
    refresh_cohort_completions(tx, fed, row[0].as<std::string>(), sink);
  }
}

std::int64_t refresh_all_completions(pqxx::work& tx, const CompletionSink& sink) {
  std::int64_t cohorts = 0;
  for (const auto& row : tx.exec(
           "SELECT federation_id, cohort_id::text FROM enrolments UNION "
           "SELECT federation_id, cohort_id::text FROM participant_completions ORDER BY 1, 2")) {
    refresh_cohort_completions(tx, row[0].as<std::string>(), row[1].as<std::string>(), sink);
    ++cohorts;
  }
  return cohorts;
}

}  // namespace samverkan::reporting::repo
