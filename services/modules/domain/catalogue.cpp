#include "catalogue.hpp"

#include <array>

namespace samverkan::modules {

namespace {
constexpr std::array kKinds = {"lecture", "workshop", "seminar", "conference", "self_study"};
constexpr std::array kDeliveries = {"online", "on_site", "hybrid"};
constexpr std::int64_t kMaxSessionSeconds = std::int64_t{24} * 3600;

template <std::size_t N>
bool one_of(const std::string& value, const std::array<const char*, N>& options) {
  for (const char* option : options) {
    if (value == option) return true;
  }
  return false;
}

boost::json::value optional_value(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// Request input is matched with plain loops, never std::regex: it recurses per character.
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// An IANA zone name's shape: letters, then "/"-separated parts of letters, digits and _+-.
bool is_zone_name(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && is_letter(text[i])) ++i;
  if (i == 0) return false;
  while (i < text.size()) {
    if (text[i] != '/') return false;
    const std::size_t start = ++i;
    while (i < text.size() && (is_letter(text[i]) || is_digit(text[i]) || text[i] == '_' ||
                               text[i] == '+' || text[i] == '-')) {
      ++i;
    }
    if (i == start) return false;
  }
  return true;
}
}  // namespace

bool is_date(const std::string& text) {
  if (text.size() != 10) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7 ? text[i] != '-' : !is_digit(text[i])) return false;
  }
  return json::parse_rfc3339(text + "T00:00:00Z").has_value();
}

std::vector<json::FieldError> validate(const NewCohort& cohort) {
  std::vector<json::FieldError> errors;
  if (!is_date(cohort.starts_on)) errors.push_back({"starts_on", "must be a date YYYY-MM-DD"});
  if (!is_date(cohort.ends_on)) errors.push_back({"ends_on", "must be a date YYYY-MM-DD"});
  if (errors.empty() && cohort.ends_on < cohort.starts_on) {
    errors.push_back({"ends_on", "must not be before starts_on"});
  }
  return errors;
}

std::vector<json::FieldError> validate(const NewSession& s) {
  std::vector<json::FieldError> errors;
  if (!one_of(s.kind, kKinds)) {
    errors.push_back({"kind", "must be lecture, workshop, seminar, conference or self_study"});
  }
  if (!one_of(s.delivery, kDeliveries)) errors.push_back({"delivery", "must be online, on_site or hybrid"});
  if (s.delivery != "online" && !s.location) errors.push_back({"location", "is required unless online"});
  const auto start = json::parse_rfc3339(s.starts_at);
  const auto end = json::parse_rfc3339(s.ends_at);
  if (!start) errors.push_back({"starts_at", "must be an RFC 3339 time with an offset"});
  if (!end) errors.push_back({"ends_at", "must be an RFC 3339 time with an offset"});
  if (start && end && *end <= *start) errors.push_back({"ends_at", "must be after starts_at"});
  if (start && end && *end - *start > kMaxSessionSeconds) {
    errors.push_back({"ends_at", "a session lasts at most 24 hours"});
  }
  if (!is_zone_name(s.time_zone)) errors.push_back({"time_zone", "must be an IANA time zone"});
  return errors;
}

boost::json::object programme_created(const std::string& federation, const std::string& id,
                                      const NewProgramme& p) {
  return {{"federation_id", federation}, {"programme_id", id}, {"title", p.title},
          {"funder", optional_value(p.funder)}};
}

boost::json::object cohort_created(const std::string& federation, const std::string& id,
                                   const std::string& programme_id, const NewCohort& c) {
  return {{"federation_id", federation}, {"cohort_id", id},           {"programme_id", programme_id},
          {"name", c.name},              {"starts_on", c.starts_on}, {"ends_on", c.ends_on}};
}

boost::json::object module_created(const std::string& federation, const std::string& id,
                                   const std::string& programme_id, const NewModule& m) {
  return {{"federation_id", federation}, {"module_id", id},        {"programme_id", programme_id},
          {"code", m.code},              {"title", m.title},        {"mandatory", m.mandatory},
          {"planned_hours", m.planned_hours}};
}

boost::json::object session_scheduled(const std::string& federation, const std::string& id,
                                      const std::string& cohort_id, const NewSession& s) {
  return {{"federation_id", federation}, {"session_id", id},          {"cohort_id", cohort_id},
          {"module_id", optional_value(s.module_id)},                 {"kind", s.kind},
          {"title", s.title},            {"starts_at", s.starts_at},  {"ends_at", s.ends_at},
          {"time_zone", s.time_zone},    {"delivery", s.delivery},    {"location", optional_value(s.location)}};
}

}  // namespace samverkan::modules
