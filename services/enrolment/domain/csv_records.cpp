#include "csv_records.hpp"

#include <samverkan/csv/reader.hpp>
#include <string>

namespace samverkan::enrolment {

CsvRecords read_csv_records(std::string_view bytes) {
  CsvRecords out;
  try {
    auto table = csv::read(bytes);
    out.records.reserve(table.rows.size());
    for (auto& row : table.rows) out.records.push_back({row.line, std::move(row.cells)});
  } catch (const csv::ReadError& e) {
    const std::string where = e.column() ? "column " + std::to_string(e.column()) + ": " : "";
    out.error = RowError{e.line() == 0 ? 1 : e.line(), "", where + e.reason()};
  }
  return out;
}

}  // namespace samverkan::enrolment
