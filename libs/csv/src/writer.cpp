#include <samverkan/csv/writer.hpp>

namespace samverkan::csv {

std::string neutralise(std::string_view text) {
  if (!text.empty()) {
    switch (text.front()) {
      case '=':
      case '+':
      case '-':
      case '@':
      case '\t':
      case '\r':
        return "'" + std::string(text);
      default:
        break;
    }
  }
  return std::string(text);
}

Writer::Writer(char separator, bool utf8_bom) : separator_(separator) {
  if (utf8_bom) out_ = "\xEF\xBB\xBF";
}

void Writer::separate() {
  if (row_started_) out_.push_back(separator_);
  row_started_ = true;
}

Writer& Writer::text(std::string_view cell) {
  separate();
  const auto safe = neutralise(cell);
  const bool quote =
      safe.find_first_of(std::string{separator_, '"', '\r', '\n'}) != std::string::npos ||
      safe.starts_with('\'');
  if (!quote) {
    out_ += safe;
    return *this;
  }
  out_.push_back('"');
  for (const char c : safe) {
    if (c == '"') out_.push_back('"');
    out_.push_back(c);
  }
  out_.push_back('"');
  return *this;
}

Writer& Writer::number(std::int64_t value) {
  separate();
  out_ += std::to_string(value);
  return *this;
}

Writer& Writer::end_row() {
  out_ += "\r\n";
  row_started_ = false;
  return *this;
}

}  // namespace samverkan::csv
