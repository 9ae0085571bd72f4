#include "participant_import.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>

namespace samverkan::enrolment {

namespace {
std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool uuid_shaped(const std::string& text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? c != '-' : !std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool blank(const ImportRecord& record) {
  return std::all_of(record.cells.begin(), record.cells.end(),
                     [](const std::string& c) { return trim(c).empty(); });
}

// A choice column: empty = not asked, "declined", or an answer with the row's source.
Fact<std::string> choice_fact(const std::string& cell, FactSource source) {
  if (cell.empty()) return {};
  if (cell == "declined") return Fact<std::string>::declined();
  return Fact<std::string>::answered(cell, source);
}

// gender: an answer (woman, man, non_binary, not_stated), or declined / the legacy undisclosed.
Fact<std::string> gender_fact(const std::string& cell, FactSource source) {
  if (cell == "undisclosed") return Fact<std::string>::declined();
  return choice_fact(cell, source);
}

class RowReader {
 public:
  RowReader(const std::map<std::string, std::size_t>& columns, const ImportRecord& record,
            std::vector<RowError>& errors)
      : columns_(columns), record_(record), errors_(errors) {}

  std::string cell(const std::string& column) const {
    const auto at = columns_.find(column);
    return at == columns_.end() ? std::string() : trim(record_.cells[at->second]);
  }
  void fail(std::string field, std::string reason) {
    errors_.push_back({record_.line, std::move(field), std::move(reason)});
  }
  std::string required(const std::string& column, std::size_t max_len) {
    auto value = cell(column);
    if (value.empty()) fail(column, "is required");
    if (value.size() > max_len) fail(column, "is longer than " + std::to_string(max_len));
    return value;
  }
  std::optional<std::string> optional(const std::string& column, std::size_t max_len) {
    auto value = cell(column);
    if (value.empty()) return std::nullopt;
    if (value.size() > max_len) fail(column, "is longer than " + std::to_string(max_len));
    return value;
  }

 private:
  const std::map<std::string, std::size_t>& columns_;
  const ImportRecord& record_;
  std::vector<RowError>& errors_;
};

// The header's columns by name; unknown, repeated and missing required columns are errors.
std::map<std::string, std::size_t> read_header(const ImportRecord& header,
                                               std::vector<RowError>& errors) {
  std::map<std::string, std::size_t> columns;
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    const auto name = lower_ascii(trim(header.cells[i]));
    if (std::find(kImportColumns.begin(), kImportColumns.end(), name) == kImportColumns.end()) {
      errors.push_back({header.line, name, "is not a column of a participant import"});
    } else if (!columns.emplace(name, i).second) {
      errors.push_back({header.line, name, "appears twice in the header"});
    }
  }
  for (std::size_t i = 0; i < 4; ++i) {
    if (!columns.count(kImportColumns[i])) {
      errors.push_back({header.line, kImportColumns[i], "required column is missing"});
    }
  }
  return columns;
}

std::optional<ImportRow> read_row(const std::map<std::string, std::size_t>& columns,
                                  const ImportRecord& record, std::size_t width,
                                  const OrganisationId& organisation, int current_year,
                                  std::vector<RowError>& errors) {
  const std::size_t errors_before = errors.size();
  RowReader in(columns, record, errors);
  if (record.cells.size() != width) {
    in.fail("", "has " + std::to_string(record.cells.size()) + " cells; the header has " +
                    std::to_string(width));
    return std::nullopt;
  }
  ImportRow row;
  row.line = record.line;
  auto& p = row.participant;
  p.organisation_id = organisation;
  p.name = in.required("name", 200);
  p.email = in.required("email", 254);
  p.role = in.optional("role", 100).value_or("");
  row.subject = in.optional("subject", 255);
  if (auto cohort = in.optional("cohort_id", 36)) {
    if (uuid_shaped(*cohort)) {
      row.cohort = CohortId(lower_ascii(*cohort));
    } else {
      in.fail("cohort_id", "must be a cohort id (a UUID)");
    }
  }

  FactSource source = FactSource::SelfDeclared;
  if (auto text = in.optional("facts_source", 20)) {
    if (auto parsed = fact_source_from(*text)) {
      source = *parsed;
    } else {
      in.fail("facts_source", "must be self_declared, target_group or estimate");
    }
  }
  const auto gender = in.required("gender", 20);
  row.facts.gender = gender_fact(gender, source);
  const auto year_text = in.required("birth_year", 4);
  std::int64_t year = 0;
  const auto [end, ec] =
      std::from_chars(year_text.data(), year_text.data() + year_text.size(), year);
  if (!year_text.empty() && (ec != std::errc() || end != year_text.data() + year_text.size())) {
    in.fail("birth_year", "must be a year, e.g. 1980");
  }
  row.facts.birth_year = Fact<std::int64_t>::answered(year, source);
  row.facts.employment_status = choice_fact(in.cell("employment_status"), source);
  row.facts.education_level = choice_fact(in.cell("education_level"), source);
  p.gender = legacy_gender(row.facts);
  p.birth_year = year;

  // The same rules as the single registration and the entry-facts route, for the columns not
  // already refused above; a fact's field names the column ("employment_status.value" ->
  // "employment_status").
  std::set<std::string> failed;
  for (std::size_t i = errors_before; i < errors.size(); ++i) failed.insert(errors[i].field);
  std::vector<json::FieldError> rules = validate(p, current_year);
  for (const auto& e : validate(row.facts, current_year, "")) {
    rules.push_back({e.field.substr(0, e.field.find('.')), e.message});
  }
  for (const auto& e : rules) {
    if (failed.insert(e.field).second) in.fail(e.field, e.message);  // one reason per column
  }
  if (errors.size() != errors_before) return std::nullopt;
  return row;
}
}  // namespace

std::string lower_ascii(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

ImportPlan read_import(const std::vector<ImportRecord>& records, const OrganisationId& organisation,
                       int current_year) {
  ImportPlan plan;
  if (records.empty()) {
    plan.errors.push_back({1, "", "the file is empty; it needs a header row"});
    return plan;
  }
  const auto columns = read_header(records.front(), plan.errors);
  if (!plan.errors.empty()) return plan;  // rows cannot be read against a broken header

  std::map<std::string, std::size_t> emails, subjects;  // first line of each, to name repeats
  std::size_t data_rows = 0;
  const std::size_t limit =
      columns.count("cohort_id") ? kMaxImportRowsWithEnrolments : kMaxImportRows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const auto& record = records[i];
    if (blank(record)) continue;
    if (++data_rows > limit) {
      plan.errors.push_back(
          {record.line, "",
           "an import takes at most " + std::to_string(limit) + " rows; split the file"});
      break;
    }
    auto row = read_row(columns, record, records.front().cells.size(), organisation, current_year,
                        plan.errors);
    if (!row) continue;
    const auto [first, fresh] = emails.emplace(lower_ascii(row->participant.email), row->line);
    if (!fresh) {
      plan.errors.push_back(
          {row->line, "email", "repeats the address on line " + std::to_string(first->second)});
      continue;
    }
    if (row->subject) {
      const auto [taken, unique] = subjects.emplace(*row->subject, row->line);
      if (!unique) {
        plan.errors.push_back(
            {row->line, "subject", "repeats the subject on line " + std::to_string(taken->second)});
        continue;
      }
    }
    plan.rows.push_back(std::move(*row));
  }
  if (data_rows == 0 && plan.errors.empty()) {
    plan.errors.push_back({records.front().line, "", "the file has a header but no rows"});
  }
  return plan;
}

ImportSplit split_existing(const std::vector<ImportRow>& rows,
                           const std::map<std::string, ParticipantId>& existing) {
  ImportSplit split;
  for (const auto& row : rows) {
    if (const auto found = existing.find(lower_ascii(row.participant.email));
        found != existing.end()) {
      split.existing.emplace_back(row, found->second);
    } else {
      split.to_create.push_back(row);
    }
  }
  return split;
}

}  // namespace samverkan::enrolment
