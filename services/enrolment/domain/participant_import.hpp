#pragma once
// Bulk import of an organisation's participants from CSV rows (ADR 0062): reading the rows against
// the header, naming every bad cell by line and column, and splitting the good rows into new
// participants and ones the organisation already has (same e-mail address), which an import leaves
// as they are, so importing the same file twice changes nothing the second time. Pure.
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "enrolment.hpp"
#include "entry_facts.hpp"

namespace samverkan::enrolment {

// At most this many data rows per request: keeps the body under the server's limit and the audit
// append within one statement; the CLI splits larger files.
inline constexpr std::size_t kMaxImportRows = 10000;
// With a cohort_id column a row may leave two audit entries (participant and enrolment).
inline constexpr std::size_t kMaxImportRowsWithEnrolments = 5000;

// One CSV record as the reader gives it: the line it starts on (1 = the header) and its cells.
struct ImportRecord {
  std::size_t line = 0;
  std::vector<std::string> cells;
};

struct RowError {
  std::size_t line = 0;
  std::string field;   // the column at fault, "" for the whole row or file
  std::string reason;  // never echoes the cell's value
};

struct ImportRow {
  std::size_t line = 0;
  NewParticipant participant;
  EntryFacts facts;
  std::optional<std::string> subject;
  std::optional<CohortId> cohort;  // also request an enrolment of the person in this cohort
};

struct ImportPlan {
  std::vector<ImportRow> rows;   // every good row, in file order
  std::vector<RowError> errors;  // every bad cell; the import applies only when this is empty
};

// The columns an import file may have (header names, any order, case-insensitive); the first
// four are required. Documented in schemas/openapi/enrolment.yaml.
inline const std::vector<std::string> kImportColumns{
    "name",         "email", "gender",  "birth_year", "employment_status", "education_level",
    "facts_source", "role",  "subject", "cohort_id"};

// records[0] is the header. Rows whose cells are all empty are skipped.
ImportPlan read_import(const std::vector<ImportRecord>& records, const OrganisationId& organisation,
                       int current_year);

struct ImportSplit {
  std::vector<ImportRow> to_create;
  // Rows whose e-mail the organisation already has, with that participant.
  std::vector<std::pair<ImportRow, ParticipantId>> existing;
};
// existing: the organisation's participants by lower-cased e-mail address.
ImportSplit split_existing(const std::vector<ImportRow>& rows,
                           const std::map<std::string, ParticipantId>& existing);

// ASCII lower case, as e-mail addresses are compared (the stored index uses lower()).
std::string lower_ascii(std::string text);

}  // namespace samverkan::enrolment
