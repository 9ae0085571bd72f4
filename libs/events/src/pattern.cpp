#include <algorithm>
#include <cctype>
#include <samverkan/events/pattern.hpp>
#include <stdexcept>
#include <string>

namespace samverkan::events {

namespace {

constexpr unsigned kMaxRepeat = 1000;
constexpr unsigned kMaxStates = 10000;

[[noreturn]] void unsupported(const std::string& what) {
  throw std::invalid_argument("unsupported pattern: " + what);
}

bool printable_ascii(char c) { return c >= 0x20 && c < 0x7f; }

bool is_special(char c) {
  return std::string_view(".()|*+?{}[]^$\\").find(c) != std::string_view::npos;
}

// Reads one escape after a backslash at source[i]; i ends on the escaped character.
std::bitset<128> escape(std::string_view source, std::size_t& i) {
  if (++i >= source.size()) unsupported("trailing backslash");
  const char c = source[i];
  std::bitset<128> chars;
  if (c == 'd') {
    for (char d = '0'; d <= '9'; ++d) chars.set(static_cast<unsigned char>(d));
  } else if (printable_ascii(c) && !std::isalnum(static_cast<unsigned char>(c))) {
    chars.set(static_cast<unsigned char>(c));
  } else {
    unsupported(std::string("escape \\") + (printable_ascii(c) ? std::string(1, c) : "?"));
  }
  return chars;
}

// Reads a class; source[i] is '[' and i ends on its ']'.
std::bitset<128> char_class(std::string_view source, std::size_t& i) {
  std::bitset<128> chars;
  if (i + 1 < source.size() && source[i + 1] == '^') unsupported("negated class");
  for (++i; i < source.size() && source[i] != ']'; ++i) {
    const char c = source[i];
    if (!printable_ascii(c)) unsupported("non-ASCII or control character");
    if (c == '\\') {
      chars |= escape(source, i);
      continue;
    }
    if (c == '[') unsupported("nested class");
    const bool range = i + 2 < source.size() && source[i + 1] == '-' && source[i + 2] != ']';
    if (!range) {
      chars.set(static_cast<unsigned char>(c));
      continue;
    }
    const char last = source[i + 2];
    if (last == '\\' || !printable_ascii(last) || last < c) unsupported("malformed range");
    for (int x = c; x <= last; ++x) chars.set(static_cast<unsigned>(x));
    i += 2;
  }
  if (i >= source.size()) unsupported("unclosed class");
  if (chars.none()) unsupported("empty class");
  return chars;
}

unsigned number(std::string_view source, std::size_t& i) {
  if (i >= source.size() || source[i] < '0' || source[i] > '9') unsupported("malformed repetition");
  unsigned value = 0;
  for (; i < source.size() && source[i] >= '0' && source[i] <= '9'; ++i) {
    value = value * 10 + static_cast<unsigned>(source[i] - '0');
    if (value > kMaxRepeat) unsupported("repetition above 1000");
  }
  return value;
}

}  // namespace

unsigned Pattern::Item::last_count() const {
  // Beyond min, an unbounded item's counts behave alike, so they share one state.
  return max == kUnbounded ? min : max;
}

Pattern Pattern::compile(std::string_view source) {
  Pattern p;
  std::size_t i = 0;
  if (!source.empty() && source.front() == '^') {
    p.anchored_start_ = true;
    ++i;
  }
  while (i < source.size()) {
    const char c = source[i];
    if (!printable_ascii(c)) unsupported("non-ASCII or control character");
    if (c == '$') {
      if (i + 1 != source.size()) unsupported("$ before the end");
      p.anchored_end_ = true;
      break;
    }
    Item item;
    if (c == '[') {
      item.chars = char_class(source, i);
    } else if (c == '\\') {
      item.chars = escape(source, i);
    } else if (is_special(c)) {
      unsupported(std::string("operator ") + c);
    } else {
      item.chars.set(static_cast<unsigned char>(c));
    }
    ++i;
    if (i < source.size()) {
      const char q = source[i];
      if (q == '?' || q == '*' || q == '+') {
        item.min = q == '+' ? 1 : 0;
        item.max = q == '?' ? 1 : kUnbounded;
        ++i;
      } else if (q == '{') {
        ++i;
        item.min = number(source, i);
        item.max = item.min;
        if (i < source.size() && source[i] == ',') {
          ++i;
          item.max = i < source.size() && source[i] == '}' ? kUnbounded : number(source, i);
        }
        if (i >= source.size() || source[i] != '}' || item.max < item.min)
          unsupported("malformed repetition");
        ++i;
      }
    }
    item.first_state = p.states_;
    p.states_ += item.last_count() + 1;
    if (p.states_ > kMaxStates) unsupported("too many repetitions");
    p.items_.push_back(item);
  }
  ++p.states_;  // the accepting state, after the last item
  return p;
}

// Adds every state reachable without input: an item repeated at least min times may end.
// Items are in order, so one forward pass reaches the whole closure.
void Pattern::close(std::vector<char>& active) const {
  for (std::size_t i = 0; i < items_.size(); ++i) {
    const auto& item = items_[i];
    const unsigned next = i + 1 < items_.size() ? items_[i + 1].first_state : states_ - 1;
    for (unsigned k = item.min; k <= item.last_count(); ++k) {
      if (active[item.first_state + k] != 0) {
        active[next] = 1;
        break;
      }
    }
  }
}

bool Pattern::search(std::string_view text) const {
  const unsigned accept = states_ - 1;
  std::vector<char> active(states_, 0);
  std::vector<char> next(states_, 0);
  active[0] = 1;  // item 0 seen 0 times (or the accepting state when there are no items)
  close(active);
  if (active[accept] != 0 && !anchored_end_) return true;
  for (const char raw : text) {
    const auto c = static_cast<unsigned char>(raw);
    std::fill(next.begin(), next.end(), 0);
    bool any = false;
    for (const auto& item : items_) {
      if (c >= 128 || !item.chars.test(c)) continue;
      for (unsigned k = 0; k <= item.last_count(); ++k) {
        if (active[item.first_state + k] == 0) continue;
        if (item.max != kUnbounded && k >= item.max) continue;
        next[item.first_state + std::min(k + 1, item.last_count())] = 1;
        any = true;
      }
    }
    if (!anchored_start_) {
      next[0] = 1;  // a match may also start at the next character
      any = true;
    }
    if (!any) return false;
    close(next);
    active.swap(next);
    if (active[accept] != 0 && !anchored_end_) return true;
  }
  return active[accept] != 0;
}

}  // namespace samverkan::events
