#pragma once
// CSV bytes to the import's records through libs/csv (UTF-8 with or without a BOM, UTF-16LE with
// a BOM, `;` `,` or TAB detected, RFC 4180 quoting, LF or CRLF, bounded). Pure.
#include <optional>
#include <string_view>
#include <vector>

#include "participant_import.hpp"

namespace samverkan::enrolment {

struct CsvRecords {
  std::vector<ImportRecord> records;
  std::optional<RowError> error;  // a file that cannot be read (encoding, quoting, limits)
};

CsvRecords read_csv_records(std::string_view bytes);

}  // namespace samverkan::enrolment
