#pragma once
// The JSON Schema `pattern` keyword, restricted to a subset that matches in linear time with
// constant stack: libstdc++'s std::regex recurses once per input character, so a long enough
// string in an event overflows the stack and kills the consumer on the same message forever.
//
// Supported: `^` and `$` at the ends only; printable ASCII literals; classes like `[a-z0-9_-]`
// (ranges, literals and escapes, no negation); `\d`; an escaped punctuation character; and the
// quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}` (n, m at most 1000). Not supported: groups,
// alternation, `.`, negated classes, lazy quantifiers, back-references. A schema using anything
// else fails to load, so no pattern is silently approximated.
//
// Matching runs every alternative at once over the compiled item list (no backtracking), so the
// cost is O(input length x pattern states) and the stack use does not grow with the input.
#include <bitset>
#include <string_view>
#include <vector>

namespace samverkan::events {

class Pattern {
 public:
  // Throws std::invalid_argument saying what is unsupported (never echoes the input).
  static Pattern compile(std::string_view source);
  // JSON Schema semantics: a match anywhere, unless anchored with ^ and/or $.
  [[nodiscard]] bool search(std::string_view text) const;

 private:
  struct Item {
    std::bitset<128> chars;
    unsigned min = 1;
    unsigned max = 1;  // kUnbounded for *, + and {n,}
    unsigned first_state = 0;
    [[nodiscard]] unsigned last_count() const;  // highest repetition count a state tracks
  };
  static constexpr unsigned kUnbounded = ~0U;

  void close(std::vector<char>& active) const;

  std::vector<Item> items_;
  unsigned states_ = 0;  // sum over items of last_count() + 1, plus the accepting state
  bool anchored_start_ = false;
  bool anchored_end_ = false;
};

}  // namespace samverkan::events
