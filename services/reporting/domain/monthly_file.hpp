#pragma once
// The monthly participant file (issue 9 §3; funders.md "Monthly participant file"): who started
// and who left in a month, with the dates and the entry facts frozen at the start. Its layout is
// kept here, in one place, since the exact template is the funder's. Rebuilt deterministically:
// rows come in a fixed order and the body carries no generation time, so the same data gives the
// same bytes. A month's file, once submitted, needs resubmission when it or any earlier month's
// file has changed since (a correction to an earlier month marks every later submitted month).
// Free of HTTP and SQL.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "exports.hpp"
#include "indicators.hpp"

namespace samverkan::reporting {

// One participant's start or leaving in the month. A person counts once per programme: their
// first start, and their leaving date once every enrolment of theirs in it has ended.
struct MonthlyFileRow {
  std::string event;  // started, left
  std::string participant_id, organisation_id;
  std::string started_on;              // YYYY-MM-DD
  std::optional<std::string> left_on;  // set on a "left" row
  std::optional<EntryFacts> facts;     // none: never recorded
};

// The file's columns; with format.names a name column follows the participant id.
std::string monthly_file_header(const ExportFormat& format);
std::string monthly_file_row(const MonthlyFileRow& row, const ExportFormat& format);

// A fact's cell: its value when answered, else its state (not_asked, declined); not_recorded
// when the participant has no entry facts at all. The source cell is empty unless answered.
std::string fact_value(const std::optional<EntryFacts>& facts, const EntryFact EntryFacts::*fact);
// The age band at entry from the birth year and the start year; the birth year's state otherwise.
std::string age_band_at_entry(const std::optional<EntryFacts>& facts,
                              const std::string& started_on);

// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

// What a month's submission recorded: the SHA-256 of the file sent, and every earlier month's
// file SHA-256 at that moment (months with rows only).
struct MonthSubmission {
  std::string sha256;
  std::map<std::string, std::string> earlier;  // month -> sha256
};

// True when the month was submitted and its own file, or the file of any month before it, is not
// what it was at the submission. current: every month's file SHA-256 now, for the months that have
// rows (a month without rows is absent on both sides, so it never differs from itself); own: this
// month's file SHA-256 now (rows or not).
bool needs_resubmission(const std::string& month, const std::string& own,
                        const std::optional<MonthSubmission>& submitted,
                        const std::map<std::string, std::string>& current);

// YYYY-MM with a month 01..12.
bool is_month(std::string_view text);

}  // namespace samverkan::reporting
