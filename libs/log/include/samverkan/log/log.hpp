#pragma once
// Structured JSON logs, one object per line on stdout.
// Never pass personal data (names, e-mail addresses, birth years) as a message or field:
// log ids, counts and error classes only.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace samverkan::log {

using Value = std::variant<std::string_view, std::int64_t, double, bool>;
using Field = std::pair<std::string_view, Value>;

// level: trace, debug, info, warn, error. Safe to call more than once.
void init(std::string_view service, std::string_view level);

void debug(std::string_view msg, std::initializer_list<Field> fields = {});
void info(std::string_view msg, std::initializer_list<Field> fields = {});
void warn(std::string_view msg, std::initializer_list<Field> fields = {});
void error(std::string_view msg, std::initializer_list<Field> fields = {});

// Renders one log line (without the trailing newline); exposed for tests.
std::string render(std::string_view level, std::string_view msg, std::initializer_list<Field> fields);

}  // namespace samverkan::log
