#pragma once
// The records behind a figure (issue 9 §4, ADR 0078): a cohort's current attendance records,
// filtered and paged, with the totals of every record the filter matches, and the participants
// behind a completion count. Records are placed as the summary places them: by the
// participant's current organisation, only once participant.registered has arrived, and
// without the records of cancelled sessions unless asked. Every query is scoped by the caller's
// federation and written against reporting's tables unqualified.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "../domain/drill_down.hpp"
#include "../domain/figures.hpp"

namespace samverkan::reporting::repo {

struct RecordListing {
  std::string record_id, session_id, participant_id, organisation_id;
  std::optional<std::string> module_id;
  std::optional<std::string> date;            // the session's local date; none: session unknown
  std::optional<std::string> session_status;  // scheduled, cancelled; none: session unknown
  std::string status;
  std::int64_t minutes = 0, revision = 0;
  // Provenance; none for records stored before reporting kept it (migration 0009).
  std::optional<std::string> source, import_id, file_sha256, recorded_at;
  std::optional<bool> reason_given;
};

struct RecordsPage {
  std::vector<RecordListing> items;  // by record id, after the cursor, at most the limit
  Tally totals;                      // of every matching record, not only this page's
};

// None when the cohort is unknown. after: "" or the last record id of the previous page.
std::optional<RecordsPage> read_records(pqxx::transaction_base& tx, const std::string& federation,
                                        const std::string& cohort_id, const RecordFilter& filter,
                                        const std::string& after, long limit);

struct CompletionListing {
  std::string participant_id, organisation_id;
  bool complete = false;
  std::optional<std::string> completed_on;
};

// The cohort's evaluated participants with the given outcome, counted by their current
// organisation as the summary counts them; by participant id, after the cursor. None when the
// cohort is unknown.
std::optional<std::vector<CompletionListing>> read_completion_list(
    pqxx::transaction_base& tx, const std::string& federation, const std::string& cohort_id,
    const std::optional<std::string>& organisation_id, bool complete, const std::string& after,
    long limit);

}  // namespace samverkan::reporting::repo
