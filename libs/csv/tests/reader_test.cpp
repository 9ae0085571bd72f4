#include <gtest/gtest.h>

#include <samverkan/csv/reader.hpp>

namespace samverkan::csv {
namespace {

using Cells = std::vector<std::string>;

std::vector<Cells> cells_of(const Table& t) {
  std::vector<Cells> out;
  for (const auto& r : t.rows) out.push_back(r.cells);
  return out;
}

// UTF-16LE with a BOM, as Teams writes its reports; the input is ASCII or Latin-1 in UTF-8.
std::string utf16le(std::u16string_view text) {
  std::string out = "\xFF\xFE";
  for (const char16_t c : text) {
    out.push_back(static_cast<char>(c & 0xFF));
    out.push_back(static_cast<char>(c >> 8));
  }
  return out;
}

ReadError error_of(std::string_view bytes, const Limits& limits = {}) {
  try {
    read(bytes, limits);
  } catch (const ReadError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << bytes;
  return ReadError(ErrorKind::Encoding, 0, 0, "none");
}

TEST(CsvRead, CommaQuotedLfAndCrlf) {
  const auto t = read("Name,Email\r\n\"Ek, Lena\",lena@x.se\n\"Say \"\"hi\"\"\",\r\n");
  EXPECT_EQ(t.separator, ',');
  EXPECT_EQ(t.encoding, Encoding::Utf8);
  EXPECT_EQ(cells_of(t),
            (std::vector<Cells>{{"Name", "Email"}, {"Ek, Lena", "lena@x.se"}, {"Say \"hi\"", ""}}));
  EXPECT_EQ(t.rows[1].line, 2u);
}

TEST(CsvRead, TabsKeepCommasAndQuotesInsideRaw) {
  const auto t = read("Name\tEmail\nEk, Lena\tl@x.se\nO\"Neil\t\n");
  EXPECT_EQ(t.separator, '\t');
  EXPECT_EQ(cells_of(t),
            (std::vector<Cells>{{"Name", "Email"}, {"Ek, Lena", "l@x.se"}, {"O\"Neil", ""}}));
}

TEST(CsvRead, SemicolonDetectedAndSeparatorGiven) {
  EXPECT_EQ(read("a;b;c\n1;2,5;3\n").separator, ';');
  EXPECT_EQ(detect_separator("a,b\n"), ',');
  EXPECT_EQ(detect_separator("no separator at all"), ',');
  EXPECT_EQ(detect_separator("\"a;b;c\",d\n"), ',');  // quoted separators do not count
  const auto t = read("a;b,c\n", {}, ',');
  EXPECT_EQ(cells_of(t), (std::vector<Cells>{{"a;b", "c"}}));
}

TEST(CsvRead, QuotedCellSpansLinesAndLinesAreCounted) {
  const auto t = read("a,\"two\r\nlines\"\nnext,row\n");
  EXPECT_EQ(cells_of(t), (std::vector<Cells>{{"a", "two\r\nlines"}, {"next", "row"}}));
  EXPECT_EQ(t.rows[1].line, 3u);
}

TEST(CsvRead, BlankLinesSkippedLoneCrBreaksLineNoFinalBreak) {
  const auto t = read("a\n\n\r\nb\rc");
  EXPECT_EQ(cells_of(t), (std::vector<Cells>{{"a"}, {"b"}, {"c"}}));
  EXPECT_EQ(t.rows[1].line, 4u);
  EXPECT_TRUE(read("").rows.empty());
  EXPECT_EQ(cells_of(read("a,")), (std::vector<Cells>{{"a", ""}}));
}

TEST(CsvRead, Utf8BomIsDropped) {
  const auto t = read("\xEF\xBB\xBFNamn;E-post\nÅsa;a@x.se\n");
  EXPECT_EQ(t.encoding, Encoding::Utf8Bom);
  EXPECT_EQ(cells_of(t), (std::vector<Cells>{{"Namn", "E-post"}, {"Åsa", "a@x.se"}}));
}

TEST(CsvRead, Utf16LeWithBomDecodedIncludingSurrogatePairs) {
  const auto t = read(utf16le(u"Namn\tE-post\r\nÅsa Öberg \U0001F600\ta@x.se\r\n"));
  EXPECT_EQ(t.encoding, Encoding::Utf16LeBom);
  EXPECT_EQ(t.separator, '\t');
  EXPECT_EQ(cells_of(t),
            (std::vector<Cells>{{"Namn", "E-post"}, {"Åsa Öberg \xF0\x9F\x98\x80", "a@x.se"}}));
}

TEST(CsvRead, Utf16LeWithoutBomIsRecognisedByItsAsciiStart) {
  const auto bytes = utf16le(u"Name\tE-post\r\nÅsa\ta@x.se\r\n").substr(2);
  const auto t = read(bytes);
  EXPECT_EQ(t.encoding, Encoding::Utf16Le);
  EXPECT_EQ(cells_of(t), (std::vector<Cells>{{"Name", "E-post"}, {"Åsa", "a@x.se"}}));
  // A NUL after only one ASCII character is no such start: refused as binary.
  EXPECT_EQ(error_of(std::string("a\0\0\0", 4)).reason(), "NUL character (not a text file)");
}

TEST(CsvRead, EncodingRefusalsSayWhere) {
  auto e = error_of("ok\nab\xFF");
  EXPECT_EQ(e.kind(), ErrorKind::Encoding);
  EXPECT_EQ(e.line(), 2u);
  EXPECT_EQ(e.column(), 3u);
  EXPECT_EQ(error_of("\xC3").reason(), "UTF-8 sequence cut off at the end of the file");
  EXPECT_EQ(error_of("\xC0\x80").kind(), ErrorKind::Encoding);          // overlong NUL
  EXPECT_EQ(error_of("\xED\xA0\x80").kind(), ErrorKind::Encoding);      // surrogate
  EXPECT_EQ(error_of("\xF4\x90\x80\x80").kind(), ErrorKind::Encoding);  // above U+10FFFF
  EXPECT_EQ(error_of("\xC3(").reason(), "invalid UTF-8 sequence");
  EXPECT_EQ(error_of(std::string("a\0b", 3)).reason(), "NUL character (not a text file)");
  EXPECT_EQ(error_of("\xFE\xFF\x00\x41").kind(), ErrorKind::Encoding);                  // UTF-16BE
  EXPECT_EQ(error_of(std::string("\xFF\xFE\x00\x00", 4)).kind(), ErrorKind::Encoding);  // UTF-32
  EXPECT_EQ(error_of("\xFF\xFE\x41").reason(), "UTF-16 file with an odd number of bytes");
  EXPECT_EQ(error_of(std::string("\xFF\xFE\x41\x00\x0A\x00\x00\xD8\x41\x00", 10)).line(), 2u);
  EXPECT_EQ(error_of(std::string("\xFF\xFE\x00\xDC", 4)).reason(),
            "UTF-16 low surrogate without a high one");
  EXPECT_EQ(error_of(std::string("\xFF\xFE\x00\xD8", 4)).reason(),
            "UTF-16 high surrogate at the end of the file");
  EXPECT_EQ(error_of(std::string("\xFF\xFE\x00\x00\x41\x00", 6)).kind(), ErrorKind::Encoding);
}

TEST(CsvRead, QuotingRefusalsSayWhere) {
  auto e = error_of("a,b\nc,\"open\nstill open");
  EXPECT_EQ(e.kind(), ErrorKind::Quoting);
  EXPECT_EQ(e.line(), 2u);
  EXPECT_EQ(e.column(), 3u);
  e = error_of("x,\"ab\"c\n");
  EXPECT_EQ(e.kind(), ErrorKind::Quoting);
  EXPECT_EQ(e.line(), 1u);
  EXPECT_EQ(e.column(), 7u);
  EXPECT_NE(std::string(e.what()).find("line 1, column 7"), std::string::npos);
}

TEST(CsvRead, Limits) {
  Limits small;
  small.max_bytes = 10;
  EXPECT_EQ(error_of("01234567890", small).kind(), ErrorKind::TooLarge);
  EXPECT_NO_THROW(read("0123456789", small));

  Limits line;
  line.max_line_bytes = 5;
  EXPECT_NO_THROW(read("12345\r\n12345\n", line));
  auto e = error_of("12345\n123456\n", line);
  EXPECT_EQ(e.kind(), ErrorKind::LineTooLong);
  EXPECT_EQ(e.line(), 2u);
  EXPECT_EQ(error_of("\"12\n34567\"", line).kind(), ErrorKind::LineTooLong);

  Limits cells;
  cells.max_cells = 3;
  EXPECT_NO_THROW(read("a,b,c\n", cells));
  EXPECT_EQ(error_of("a,b,c,d\n", cells).kind(), ErrorKind::TooManyCells);

  Limits rows;
  rows.max_rows = 2;
  EXPECT_NO_THROW(read("a\nb\n\n", rows));
  e = error_of("a\nb\nc\n", rows);
  EXPECT_EQ(e.kind(), ErrorKind::TooManyRows);
  EXPECT_EQ(e.line(), 3u);
}

TEST(CsvRead, ColumnsCountCharactersNotBytes) {
  auto e = error_of("Åsa,\"x\"y");
  EXPECT_EQ(e.column(), 8u);
}

}  // namespace
}  // namespace samverkan::csv
