#include <samverkan/events/event.hpp>

#include <boost/json/parse.hpp>
#include <boost/uuid/random_generator.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <chrono>
#include <cstdio>

namespace samverkan::events {

namespace {
constexpr const char* kSpecVersion = "1.0";

const std::string& required_header(const kafka::Message& message, std::string_view name) {
  const std::string* value = message.header(name);
  if (value == nullptr || value->empty()) {
    throw MalformedEvent("missing header " + std::string(name));
  }
  return *value;
}
}  // namespace

kafka::Headers cloudevent_headers(const Event& event) {
  kafka::Headers headers{{"ce_specversion", kSpecVersion},
                         {"ce_id", event.id},
                         {"ce_source", event.source},
                         {"ce_type", event.type},
                         {"ce_time", event.time},
                         {"ce_subject", event.subject},
                         {"content-type", "application/json"}};
  if (!event.traceparent.empty()) headers.emplace_back("traceparent", event.traceparent);
  return headers;
}

Event from_kafka(const kafka::Message& message) {
  if (required_header(message, "ce_specversion") != kSpecVersion) {
    throw MalformedEvent("unsupported ce_specversion");
  }
  const std::string* content_type = message.header("content-type");
  if (content_type == nullptr || content_type->rfind("application/json", 0) != 0) {
    throw MalformedEvent("content-type is not application/json");
  }
  Event event;
  event.id = required_header(message, "ce_id");
  event.source = required_header(message, "ce_source");
  event.type = required_header(message, "ce_type");
  event.time = required_header(message, "ce_time");
  event.subject = required_header(message, "ce_subject");
  if (const std::string* trace = message.header("traceparent")) event.traceparent = *trace;
  boost::system::error_code ec;
  boost::json::value data = boost::json::parse(message.value, ec);
  if (ec || !data.is_object()) throw MalformedEvent("data is not a JSON object");
  event.data = std::move(data.as_object());
  return event;
}

std::string new_event_id() {
  thread_local boost::uuids::random_generator generator;
  return boost::uuids::to_string(generator());
}

std::string now_rfc3339() {
  using namespace std::chrono;
  const auto now = floor<milliseconds>(system_clock::now());
  const auto day = floor<days>(now);
  const year_month_day ymd{day};
  const hh_mm_ss hms{now - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld.%03ldZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<long>(hms.hours().count()),
                static_cast<long>(hms.minutes().count()), static_cast<long>(hms.seconds().count()),
                static_cast<long>(hms.subseconds().count()));
  return buffer;
}

}  // namespace samverkan::events
