#pragma once
// Writing CSV that spreadsheets open safely: RFC 4180 quoting, CRLF, an optional UTF-8 BOM (so
// Excel reads UTF-8), `,` or `;` between cells. Text cells that a spreadsheet would take for a
// formula (starting with = + - @ TAB or CR) are neutralised with a leading apostrophe (OWASP CSV
// injection); numbers are written as numbers.
#include <cstdint>
#include <string>
#include <string_view>

namespace samverkan::csv {

// The text as a spreadsheet shows it but never evaluates: "'" + text when it starts with one of
// = + - @ TAB CR, else unchanged.
std::string neutralise(std::string_view text);

class Writer {
 public:
  explicit Writer(char separator = ',', bool utf8_bom = false);
  Writer& text(std::string_view cell);  // neutralised, quoted when needed
  Writer& number(std::int64_t value);
  Writer& end_row();  // CRLF
  [[nodiscard]] const std::string& str() const { return out_; }

 private:
  void separate();
  char separator_;
  bool row_started_ = false;
  std::string out_;
};

}  // namespace samverkan::csv
