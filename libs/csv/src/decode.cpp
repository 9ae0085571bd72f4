// Bytes to UTF-8: the BOM says the encoding; everything is validated while it is decoded, so a
// refusal can say the line and column (in characters) where the bad byte sits.
#include <cstdint>
#include <samverkan/csv/reader.hpp>

namespace samverkan::csv {

namespace {

// Where the decoder is, for error messages.
struct Position {
  std::size_t line = 1, column = 1;
  void advance(char32_t c) {
    if (c == U'\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
};

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

[[noreturn]] void refuse(const Position& at, const std::string& why) {
  throw ReadError(ErrorKind::Encoding, at.line, at.column, why);
}

std::string from_utf16le(std::string_view bytes) {
  if (bytes.size() % 2 != 0)
    throw ReadError(ErrorKind::Encoding, 0, 0, "UTF-16 file with an odd number of bytes");
  std::string out;
  out.reserve(bytes.size() / 2 + bytes.size() / 8);
  Position at;
  const auto unit = [&](std::size_t i) {
    return static_cast<char16_t>(static_cast<unsigned char>(bytes[i]) |
                                 (static_cast<unsigned char>(bytes[i + 1]) << 8));
  };
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    char32_t c = unit(i);
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (i + 2 >= bytes.size()) refuse(at, "UTF-16 high surrogate at the end of the file");
      const char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) refuse(at, "UTF-16 high surrogate without a low one");
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (c >= 0xDC00 && c <= 0xDFFF) {
      refuse(at, "UTF-16 low surrogate without a high one");
    }
    if (c == 0) refuse(at, "NUL character (not a text file)");
    append_utf8(out, c);
    at.advance(c);
  }
  return out;
}

// Validates UTF-8 (no overlongs, no surrogates, at most U+10FFFF, no NUL).
void check_utf8(std::string_view text) {
  Position at;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b < 0x80) {
      if (b == 0) refuse(at, "NUL character (not a text file)");
      at.advance(b);
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t c = 0, min = 0;
    if ((b & 0xE0) == 0xC0) {
      length = 2, c = b & 0x1F, min = 0x80;
    } else if ((b & 0xF0) == 0xE0) {
      length = 3, c = b & 0x0F, min = 0x800;
    } else if ((b & 0xF8) == 0xF0) {
      length = 4, c = b & 0x07, min = 0x10000;
    } else {
      refuse(at, "invalid UTF-8 byte");
    }
    if (i + length > text.size()) refuse(at, "UTF-8 sequence cut off at the end of the file");
    for (std::size_t k = 1; k < length; ++k) {
      const auto cont = static_cast<unsigned char>(text[i + k]);
      if ((cont & 0xC0) != 0x80) refuse(at, "invalid UTF-8 sequence");
      c = (c << 6) | (cont & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
      refuse(at, "invalid UTF-8 sequence");
    at.advance(c);
    i += length;
  }
}

bool starts_with(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

}  // namespace

ReadError::ReadError(ErrorKind kind, std::size_t line, std::size_t column,
                     const std::string& reason)
    : std::runtime_error(line == 0 ? reason
                                   : "line " + std::to_string(line) + ", column " +
                                         std::to_string(column) + ": " + reason),
      kind_(kind),
      line_(line),
      column_(column),
      reason_(reason) {}

std::string to_utf8(std::string_view bytes, const Limits& limits, Encoding* found) {
  if (bytes.size() > limits.max_bytes) {
    throw ReadError(ErrorKind::TooLarge, 0, 0,
                    "the file is larger than " + std::to_string(limits.max_bytes) + " bytes");
  }
  using namespace std::string_view_literals;
  Encoding encoding = Encoding::Utf8;
  std::string out;
  if (starts_with(bytes, "\xFF\xFE\x00\x00"sv) || starts_with(bytes, "\x00\x00\xFE\xFF"sv)) {
    throw ReadError(ErrorKind::Encoding, 0, 0, "UTF-32 is not supported; save as UTF-8 or UTF-16");
  } else if (starts_with(bytes, "\xFE\xFF"sv)) {
    throw ReadError(ErrorKind::Encoding, 0, 0,
                    "UTF-16 big-endian is not supported; save as UTF-8 or UTF-16LE");
  } else if (starts_with(bytes, "\xFF\xFE"sv)) {
    encoding = Encoding::Utf16LeBom;
    out = from_utf16le(bytes.substr(2));
  } else if (bytes.size() >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] != 0 &&
             bytes[3] == 0) {
    encoding = Encoding::Utf16Le;
    out = from_utf16le(bytes);
  } else if (starts_with(bytes, "\xEF\xBB\xBF"sv)) {
    encoding = Encoding::Utf8Bom;
    check_utf8(bytes.substr(3));
    out.assign(bytes.substr(3));
  } else {
    check_utf8(bytes);
    out.assign(bytes);
  }
  if (found != nullptr) *found = encoding;
  return out;
}

}  // namespace samverkan::csv
