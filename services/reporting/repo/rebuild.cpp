#include "rebuild.hpp"

#include "../domain/deltas.hpp"
#include "../domain/lifecycle.hpp"
#include "completions.hpp"
#include "projection_changes.hpp"
#include "totals.hpp"

namespace samverkan::reporting::repo {

namespace {

constexpr std::size_t kRowsPerStatement = 500;
constexpr const char* kFetch = "FETCH FORWARD 5000 FROM rebuild_records";

// Inserts one federation's totals, many rows per statement (the tables were emptied first, and
// each key occurs once).
void insert_totals(pqxx::work& tx, const std::string& fed, const Adjustments& totals) {
  const auto head = [](Target target) -> std::string {
    switch (target) {
      case Target::ParticipantModule:
        return "INSERT INTO participant_module_totals (participant_id, module_id, federation_id, "
               "present, late, excused, absent, other, minutes) VALUES ";
      case Target::CohortOrganisation:
        return "INSERT INTO cohort_organisation_totals (cohort_id, organisation_id, federation_id, "
               "enrolled, withdrawn, present, late, excused, absent, other, minutes) VALUES ";
      case Target::Session:
        break;
    }
    return "INSERT INTO session_totals (session_id, cohort_id, federation_id, present, late, "
           "excused, absent, other, minutes) VALUES ";
  };
  std::string sql;
  std::size_t rows = 0;
  Target current = Target::ParticipantModule;
  const auto flush = [&] {
    if (rows > 0) tx.exec(sql);
    sql.clear();
    rows = 0;
  };
  for (const auto& [key, t] : totals) {
    if (t.zero()) continue;
    if (rows == kRowsPerStatement || (rows > 0 && key.target != current)) flush();
    if (rows == 0) {
      current = key.target;
      sql = head(key.target);
    } else {
      sql += ", ";
    }
    sql += "(" + tx.quote(key.first) + ", " + tx.quote(key.second) + ", " + tx.quote(fed) +
           (key.target == Target::CohortOrganisation ? ", 0, 0" : "") + ", " +
           std::to_string(t.present) + ", " + std::to_string(t.late) + ", " +
           std::to_string(t.excused) + ", " + std::to_string(t.absent) + ", " +
           std::to_string(t.other) + ", " + std::to_string(t.minutes) + ")";
    ++rows;
  }
  flush();
}

std::optional<std::string> text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

}  // namespace

RebuildCounts rebuild_totals(pqxx::work& tx, const CompletionSink& sink) {
  tx.exec(
      "LOCK TABLE attendance, enrolments, sessions, participants, participant_module_totals, "
      "cohort_organisation_totals, session_totals, cohort_session_totals IN EXCLUSIVE MODE");
  tx.exec(
      "DELETE FROM participant_module_totals; DELETE FROM cohort_organisation_totals; "
      "DELETE FROM session_totals; DELETE FROM cohort_session_totals");
  RebuildCounts counts;

  // Every current record adds its contribution, placed by its participant and session as stored.
  tx.exec(
      "DECLARE rebuild_records NO SCROLL CURSOR FOR "
      "SELECT a.federation_id, a.session_id, a.cohort_id, a.participant_id, a.module_id, a.status, "
      "a.minutes, p.organisation_id, s.status FROM attendance a "
      "LEFT JOIN participants p ON p.id = a.participant_id AND p.federation_id = a.federation_id "
      "LEFT JOIN sessions s ON s.id = a.session_id AND s.federation_id = a.federation_id "
      "ORDER BY a.federation_id");
  std::string fed;
  Adjustments totals;
  for (;;) {
    const auto rows = tx.exec(kFetch);
    for (const auto& row : rows) {
      const auto row_fed = row[0].as<std::string>();
      if (row_fed != fed) {
        insert_totals(tx, fed, totals);
        totals.clear();
        fed = row_fed;
      }
      const RecordRow record{row[1].as<std::string>(), row[2].as<std::string>(),
                             row[3].as<std::string>(), text(row[4]),
                             row[5].as<std::string>(), row[6].as<std::int64_t>()};
      add_contribution(totals, placed(record, text(row[7]), session_counts(text(row[8]))), +1);
      ++counts.records;
    }
    if (rows.empty()) break;
  }
  insert_totals(tx, fed, totals);
  tx.exec("CLOSE rebuild_records");

  for (const auto& row :
       tx.exec("SELECT federation_id, cohort_id, organisation_id, status, count(*) FROM enrolments "
               "GROUP BY federation_id, cohort_id, organisation_id, status")) {
    const auto n = row[4].as<std::int64_t>();
    const auto each = enrolment_counts(row[3].as<std::string>());
    add_enrolment_counts(tx, row[0].as<std::string>(), row[1].as<std::string>(),
                         row[2].as<std::string>(), {each.enrolled * n, each.withdrawn * n});
    counts.enrolments += n;
  }
  for (const auto& row : tx.exec("SELECT federation_id, cohort_id, status, count(*) FROM sessions "
                                 "GROUP BY federation_id, cohort_id, status")) {
    const auto n = row[3].as<std::int64_t>();
    const auto each = session_counts_of(row[2].as<std::string>());
    add_session_counts(tx, row[0].as<std::string>(), row[1].as<std::string>(),
                       {each.scheduled * n, each.cancelled * n});
    counts.sessions += n;
  }
  counts.cohorts_evaluated = refresh_all_completions(tx, sink);
  bump_all_projection_changes(tx);  // rows may have come by COPY, past the projector
  tx.exec("UPDATE totals_rebuild SET pending = false");
  return counts;
}

bool rebuild_if_pending(db::Pool& pool, const CompletionSink& sink) {
  return pool.transact([&](pqxx::work& tx) {
    // Two replicas starting at once: the second waits here, then finds nothing pending.
    const auto pending = tx.exec("SELECT pending FROM totals_rebuild FOR UPDATE");
    if (pending.empty() || !pending[0][0].as<bool>()) return false;
    rebuild_totals(tx, sink);
    return true;
  });
}

}  // namespace samverkan::reporting::repo
