#include "csv_records.hpp"

#include <string>

namespace samverkan::enrolment {

namespace {
char separator_of(std::string_view text) {
  std::size_t semicolons = 0, commas = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') break;
    if (c == ';') ++semicolons;
    if (c == ',') ++commas;
  }
  return semicolons > commas ? ';' : ',';
}
}  // namespace

CsvRecords read_csv_records(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const char sep = separator_of(text);
  CsvRecords out;
  ImportRecord record{1, {}};
  std::string cell;
  std::size_t line = 1;
  bool quoted = false, any = false;
  auto end_record = [&] {
    record.cells.push_back(std::move(cell));
    cell.clear();
    out.records.push_back(std::move(record));
    record = ImportRecord{line, {}};
    any = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    any = true;
    if (c == '"' && cell.empty()) {
      quoted = true;
    } else if (c == sep) {
      record.cells.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      continue;  // the LF ends the record
    } else if (c == '\n') {
      ++line;
      end_record();
    } else {
      cell += c;
    }
  }
  if (quoted) {
    return {{}, RowError{record.line, "", "a quoted cell is not closed"}};
  }
  if (any || !cell.empty() || !record.cells.empty()) end_record();
  return out;
}

}  // namespace samverkan::enrolment
