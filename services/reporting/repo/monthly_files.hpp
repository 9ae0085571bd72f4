#pragma once
// The monthly participant file's rows, each month's file hash and the recorded submissions of a
// programme. Every query filters on the caller's federation.
#include <functional>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "../domain/monthly_file.hpp"

namespace samverkan::reporting::repo {

// False: reporting knows neither the programme nor any cohort of it (in this federation).
bool programme_known(pqxx::transaction_base& tx, const std::string& fed,
                     const std::string& programme_id);

// The month's rows (every month's, by month, when month is none): started before left, then by
// date, then by participant id. A participant counts once per programme: the earliest start of
// their approved or withdrawn enrolments (started_on, else the date the entry facts were frozen
// at, else the first attended session, as the indicators take it), and a leaving date once every
// started enrolment has one (the latest). Returns the rows read.
std::int64_t stream_monthly_file(
    pqxx::transaction_base& tx, const std::string& fed, const std::string& programme_id,
    const std::optional<std::string>& month,
    const std::function<void(const std::string& month, const MonthlyFileRow&)>& row);

// The SHA-256 of every month's file that has rows, in its canonical form (the full variant with
// participant ids, `,`, no names): the bytes the funder receives.
std::map<std::string, std::string> month_file_hashes(pqxx::transaction_base& tx,
                                                     const std::string& fed,
                                                     const std::string& programme_id);
// The canonical file's SHA-256 of a month without rows (the header alone).
std::string empty_month_file_hash();

struct StoredSubmission {
  MonthSubmission submission;
  std::string submitted_at;  // RFC 3339 UTC
  std::int64_t version = 0;
};
std::map<std::string, StoredSubmission> read_submissions(pqxx::transaction_base& tx,
                                                         const std::string& fed,
                                                         const std::string& programme_id);
// Records the month's submission (a new one replaces it, version + 1); returns the version.
std::int64_t store_submission(pqxx::work& tx, const std::string& fed,
                              const std::string& programme_id, const std::string& month,
                              const MonthSubmission& submission, const std::string& subject);

// One month of the listing: its file's SHA-256 now, its submission, and the mark.
struct MonthState {
  std::string month, sha256;
  std::optional<StoredSubmission> submitted;
  bool needs_resubmission = false;
};
// Every month with rows or a submission, by month.
std::vector<MonthState> read_month_states(pqxx::transaction_base& tx, const std::string& fed,
                                          const std::string& programme_id);

// What submitting the month now records: its file's SHA-256 and every earlier month's.
MonthSubmission submission_now(pqxx::transaction_base& tx, const std::string& fed,
                               const std::string& programme_id, const std::string& month);

}  // namespace samverkan::reporting::repo
