#include "exports.hpp"
#include "monthly_files.hpp"

#include "entry_fact_sql.hpp"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <set>

namespace samverkan::reporting::repo {

namespace {

// $1 federation, $2 programme, $3 month or null (every month).
const std::string kRowsSql =
    std::string("WITH enrolled AS ("
                " SELECT e.participant_id,"
                "  COALESCE(p.organisation_id, e.organisation_id) AS organisation_id, ") +
    kStartedOnSql +
    " AS started_on, e.left_on"
    " FROM enrolments e"
    " JOIN cohorts c ON c.id = e.cohort_id AND c.federation_id = e.federation_id"
    " LEFT JOIN participants p ON p.id = e.participant_id AND p.federation_id = e.federation_id"
    " LEFT JOIN entry_facts f ON f.participant_id = e.participant_id"
    "  AND f.federation_id = e.federation_id"
    " WHERE e.federation_id = $1 AND c.programme_id = $2::uuid"
    "  AND e.status IN ('approved', 'withdrawn')),"
    " people AS ("
    " SELECT participant_id, min(organisation_id::text) AS organisation_id,"
    "  min(started_on) AS started_on,"
    "  CASE WHEN bool_and(left_on IS NOT NULL) THEN max(left_on) END AS left_on"
    " FROM enrolled WHERE started_on IS NOT NULL GROUP BY participant_id),"
    " moves AS ("
    " SELECT 'started' AS event, participant_id, organisation_id, started_on, NULL::date AS "
    "left_on,"
    "  started_on AS on_date FROM people"
    " UNION ALL"
    " SELECT 'left', participant_id, organisation_id, started_on, left_on, left_on FROM people"
    "  WHERE left_on IS NOT NULL)"
    " SELECT to_char(m.on_date, 'YYYY-MM'), m.event, m.participant_id::text, m.organisation_id,"
    "  to_char(m.started_on, 'YYYY-MM-DD'), to_char(m.left_on, 'YYYY-MM-DD'), " +
    kEntryFactColumnsSql +
    " FROM moves m LEFT JOIN entry_facts f ON f.participant_id = m.participant_id"
    "  AND f.federation_id = $1"
    " WHERE $3::text IS NULL OR to_char(m.on_date, 'YYYY-MM') = $3::text"
    // "started" sorts after "left": descending puts the starts first.
    " ORDER BY 1, m.event DESC, m.on_date, m.participant_id";

}  // namespace

std::int64_t stream_monthly_file(
    pqxx::transaction_base& tx, const std::string& fed, const std::string& programme_id,
    const std::optional<std::string>& month,
    const std::function<void(const std::string& month, const MonthlyFileRow&)>& fn) {
  std::int64_t n = 0;
  for (const auto& r : tx.exec_params(kRowsSql, fed, programme_id, month)) {
    MonthlyFileRow row{r[1].as<std::string>(),
                       r[2].as<std::string>(),
                       r[3].as<std::string>(),
                       r[4].as<std::string>(),
                       nullable_text(r[5]),
                       std::nullopt};
    if (r[6].as<bool>()) {
      row.facts = entry_facts_at(r, 7);
    }
    fn(r[0].as<std::string>(), row);
    ++n;
  }
  return n;
}

std::map<std::string, std::string> month_file_hashes(pqxx::transaction_base& tx,
                                                     const std::string& fed,
                                                     const std::string& programme_id) {
  const ExportFormat canonical;
  std::map<std::string, std::string> files;
  stream_monthly_file(tx, fed, programme_id, std::nullopt,
                      [&](const std::string& month, const MonthlyFileRow& row) {
                        auto& body = files[month];
                        if (body.empty()) body = monthly_file_header(canonical);
                        body += monthly_file_row(row, canonical);
                      });
  for (auto& [month, body] : files) body = sha256_hex(body);
  return files;
}

std::string empty_month_file_hash() { return sha256_hex(monthly_file_header(ExportFormat{})); }

std::map<std::string, StoredSubmission> read_submissions(pqxx::transaction_base& tx,
                                                         const std::string& fed,
                                                         const std::string& programme_id) {
  std::map<std::string, StoredSubmission> out;
  const auto rows = tx.exec_params(
      "SELECT month, sha256, earlier::text, "
      "to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), version "
      "FROM monthly_file_submissions WHERE federation_id = $1 AND programme_id = $2::uuid "
      "ORDER BY month",
      fed, programme_id);
  for (const auto& r : rows) {
    StoredSubmission s{
        {r[1].as<std::string>(), {}}, r[3].as<std::string>(), r[4].as<std::int64_t>()};
    const auto earlier = boost::json::parse(r[2].as<std::string>());
    for (const auto& [m, sha] : earlier.as_object()) {
      s.submission.earlier.emplace(std::string(m), std::string(sha.as_string()));
    }
    out.emplace(r[0].as<std::string>(), std::move(s));
  }
  return out;
}

std::int64_t store_submission(pqxx::work& tx, const std::string& fed,
                              const std::string& programme_id, const std::string& month,
                              const MonthSubmission& submission, const std::string& subject) {
  boost::json::object earlier;
  for (const auto& [m, sha] : submission.earlier) earlier[m] = sha;
  return tx
      .exec_params1(
          "INSERT INTO monthly_file_submissions (federation_id, programme_id, month, sha256, "
          "earlier, submitted_at, submitted_by, version) "
          "VALUES ($1, $2::uuid, $3, $4, $5::jsonb, now(), $6, 1) "
          "ON CONFLICT (federation_id, programme_id, month) DO UPDATE SET sha256 = "
          "EXCLUDED.sha256, earlier = EXCLUDED.earlier, submitted_at = EXCLUDED.submitted_at, "
          "submitted_by = EXCLUDED.submitted_by, "
          "version = monthly_file_submissions.version + 1 RETURNING version",
          fed, programme_id, month, submission.sha256, boost::json::serialize(earlier), subject)[0]
      .as<std::int64_t>();
}

std::vector<MonthState> read_month_states(pqxx::transaction_base& tx, const std::string& fed,
                                          const std::string& programme_id) {
  const auto current = month_file_hashes(tx, fed, programme_id);
  const auto submitted = read_submissions(tx, fed, programme_id);
  std::set<std::string> months;
  for (const auto& [m, _] : current) months.insert(m);
  for (const auto& [m, _] : submitted) months.insert(m);
  const auto empty = empty_month_file_hash();
  std::vector<MonthState> out;
  for (const auto& m : months) {
    const auto own = current.find(m);
    const auto sub = submitted.find(m);
    MonthState state{m, own == current.end() ? empty : own->second,
                     sub == submitted.end() ? std::nullopt : std::optional(sub->second)};
    state.needs_resubmission = needs_resubmission(
        m, state.sha256,
        state.submitted ? std::optional(state.submitted->submission) : std::nullopt, current);
    out.push_back(std::move(state));
  }
  return out;
}

MonthSubmission submission_now(pqxx::transaction_base& tx, const std::string& fed,
                               const std::string& programme_id, const std::string& month) {
  const auto current = month_file_hashes(tx, fed, programme_id);
  const auto own = current.find(month);
  MonthSubmission submission{own == current.end() ? empty_month_file_hash() : own->second, {}};
  for (const auto& [m, sha] : current) {
    if (m < month) submission.earlier.emplace(m, sha);
  }
  return submission;
}

}  // namespace samverkan::reporting::repo
