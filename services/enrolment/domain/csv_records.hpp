#pragma once
// CSV text to records for the participant import, until libs/csv (helper meetimport) lands on
// main: UTF-8 with or without a BOM, ';' or ',' (whichever the header line has more of, outside
// quotes), RFC 4180 quoting, LF or CRLF line ends. Pure.
#include <optional>
#include <string_view>
#include <vector>

#include "participant_import.hpp"

namespace samverkan::enrolment {

struct CsvRecords {
  std::vector<ImportRecord> records;
  std::optional<RowError> error;  // a broken file (e.g. an unclosed quote): no records
};

CsvRecords read_csv_records(std::string_view text);

}  // namespace samverkan::enrolment
