#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <samverkan/log/log.hpp>

#include "state.hpp"

namespace samverkan::log {
namespace {

// RFC 3339 in UTC with milliseconds, e.g. 2024-05-01T12:34:56.789Z.
std::string timestamp_now() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  const std::time_t seconds = static_cast<std::time_t>(millis / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char date[24];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
  char fraction[8];
  std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis % 1000));
  return std::string(date) + fraction;
}

boost::json::value to_json(const Value& value) {
  return std::visit([](const auto& v) { return boost::json::value(v); }, value);
}

}  // namespace

std::string render(std::string_view level, std::string_view msg,
                   std::initializer_list<Field> fields) {
  boost::json::object line;
  line["ts"] = timestamp_now();
  line["level"] = level;
  line["service"] = detail::service_name();
  line["msg"] = msg;
  // emplace keeps the first value, so a field can never overwrite the core keys above.
  for (const auto& [key, value] : fields) line.emplace(key, to_json(value));
  return boost::json::serialize(line);
}

}  // namespace samverkan::log
