#pragma once
// Reading CSV as people's tools write it: UTF-8 with or without a BOM, or UTF-16LE with a BOM
// (decoded to UTF-8); `,` `;` or TAB between cells (detected, or given); RFC 4180 quoting; LF or
// CRLF. Untrusted input is bounded (size, line length, cells) and every refusal says where.
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::csv {

struct Limits {
  std::size_t max_bytes = 8u << 20;        // the file as received, before decoding
  std::size_t max_line_bytes = 16u << 10;  // one physical line, after decoding
  std::size_t max_cells = 256;             // per row
  std::size_t max_rows = 200'000;
};

// Why a file cannot be read. TooLarge is the caller's 413; every other kind is a 422.
enum class ErrorKind { TooLarge, LineTooLong, Encoding, Quoting, TooManyCells, TooManyRows };

// line and column are 1-based; column counts characters (code points) of the decoded line, and
// both are 0 when the problem is the file as a whole.
class ReadError : public std::runtime_error {
 public:
  ReadError(ErrorKind kind, std::size_t line, std::size_t column, const std::string& reason);
  [[nodiscard]] ErrorKind kind() const { return kind_; }
  [[nodiscard]] std::size_t line() const { return line_; }
  [[nodiscard]] std::size_t column() const { return column_; }
  [[nodiscard]] const std::string& reason() const { return reason_; }

 private:
  ErrorKind kind_;
  std::size_t line_, column_;
  std::string reason_;
};

// Utf16Le: no BOM, recognised by its first two characters being ASCII (a NUL high byte each), as
// some exports are saved.
enum class Encoding { Utf8, Utf8Bom, Utf16LeBom, Utf16Le };

// The bytes as UTF-8 without a BOM. Refuses UTF-16BE and UTF-32, unpaired surrogates, invalid
// UTF-8 and NUL characters (a binary file), each with the line and column where it is found.
std::string to_utf8(std::string_view bytes, const Limits& limits, Encoding* found = nullptr);

struct Row {
  std::size_t line = 0;  // the physical line the row starts on
  std::vector<std::string> cells;
};

struct Table {
  Encoding encoding = Encoding::Utf8;
  char separator = ',';
  std::vector<Row> rows;  // blank lines are left out; rows may differ in length
};

// The separator the text uses: TAB when a TAB occurs outside quotes in the first lines, else
// whichever of `;` and `,` occurs more often there (`,` when neither does).
char detect_separator(std::string_view utf8);

// Reads the whole file. A cell that starts with `"` is quoted (RFC 4180: `""` is a quote, and it
// may span lines); anything else is raw up to the next separator, quotes included.
Table read(std::string_view bytes, const Limits& limits = {},
           std::optional<char> separator = std::nullopt);

}  // namespace samverkan::csv
