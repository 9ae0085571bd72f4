// One pass over the decoded text: a small state machine per cell, counting lines and columns so a
// refusal can say where it is.
#include <samverkan/csv/reader.hpp>

namespace samverkan::csv {

namespace {

bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

class Scanner {
 public:
  Scanner(std::string_view text, char separator, const Limits& limits)
      : text_(text), sep_(separator), limits_(limits) {}

  std::vector<Row> rows() {
    std::vector<Row> out;
    while (i_ < text_.size()) {
      Row row{line_, {}};
      read_row(row.cells);
      if (row.cells.size() == 1 && row.cells[0].empty()) continue;  // a blank line
      if (out.size() == limits_.max_rows) {
        throw ReadError(ErrorKind::TooManyRows, row.line, 1,
                        "more than " + std::to_string(limits_.max_rows) + " rows");
      }
      out.push_back(std::move(row));
    }
    return out;
  }

 private:
  [[noreturn]] void refuse(ErrorKind kind, const std::string& why) const {
    throw ReadError(kind, line_, column_, why);
  }

  // Moves past one character of a line (not a line break), keeping the position.
  void step() {
    if (!continuation(text_[i_])) ++column_;
    ++i_;
    if (++line_bytes_ > limits_.max_line_bytes) {
      refuse(ErrorKind::LineTooLong,
             "line longer than " + std::to_string(limits_.max_line_bytes) + " bytes");
    }
  }
  // At a line break (LF, CRLF or a lone CR): moves past it.
  bool at_break() const { return text_[i_] == '\n' || text_[i_] == '\r'; }
  void skip_break() {
    if (text_[i_] == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') ++i_;
    ++i_;
    ++line_;
    column_ = 1;
    line_bytes_ = 0;
  }

  void read_row(std::vector<std::string>& cells) {
    for (;;) {
      if (cells.size() == limits_.max_cells) {
        refuse(ErrorKind::TooManyCells,
               "more than " + std::to_string(limits_.max_cells) + " cells in a row");
      }
      cells.emplace_back();
      auto& cell = cells.back();
      if (i_ < text_.size() && text_[i_] == '"') {
        read_quoted(cell);
      } else {
        const auto start = i_;
        while (i_ < text_.size() && text_[i_] != sep_ && !at_break()) step();
        cell.assign(text_.substr(start, i_ - start));
      }
      if (i_ >= text_.size()) return;
      if (text_[i_] == sep_) {
        step();
        continue;
      }
      skip_break();
      return;
    }
  }

  void read_quoted(std::string& cell) {
    const auto open_line = line_, open_column = column_;
    step();  // the opening quote
    for (;;) {
      if (i_ >= text_.size()) {
        throw ReadError(ErrorKind::Quoting, open_line, open_column, "quoted cell is never closed");
      }
      const char c = text_[i_];
      if (c == '"') {
        step();
        if (i_ < text_.size() && text_[i_] == '"') {
          cell.push_back('"');
          step();
          continue;
        }
        if (i_ < text_.size() && text_[i_] != sep_ && !at_break()) {
          refuse(ErrorKind::Quoting, "text after a closing quote (write a quote inside as \"\")");
        }
        return;
      }
      if (at_break()) {  // a line break inside quotes is part of the cell
        if (c == '\r' && i_ + 1 < text_.size() && text_[i_ + 1] == '\n') cell.push_back('\r');
        cell.push_back('\n');
        skip_break();
        continue;
      }
      cell.push_back(c);
      step();
    }
  }

  std::string_view text_;
  char sep_;
  const Limits& limits_;
  std::size_t i_ = 0, line_ = 1, column_ = 1, line_bytes_ = 0;
};

}  // namespace

char detect_separator(std::string_view text) {
  std::size_t tabs = 0, semicolons = 0, commas = 0, lines = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size() && lines < 30; ++i) {
    const char c = text[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (quoted) {
      continue;
    } else if (c == '\n') {
      ++lines;
    } else if (c == '\t') {
      ++tabs;
    } else if (c == ';') {
      ++semicolons;
    } else if (c == ',') {
      ++commas;
    }
  }
  if (tabs > 0) return '\t';
  return semicolons > commas ? ';' : ',';
}

Table read(std::string_view bytes, const Limits& limits, std::optional<char> separator) {
  Table table;
  const auto text = to_utf8(bytes, limits, &table.encoding);
  table.separator = separator.value_or(detect_separator(text));
  table.rows = Scanner(text, table.separator, limits).rows();
  return table;
}

}  // namespace samverkan::csv
