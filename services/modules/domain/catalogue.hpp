#pragma once
// The programme catalogue's rules, free of HTTP, SQL and Kafka.
#include <samverkan/json/reader.hpp>

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace samverkan::modules {

struct NewProgramme {
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> funder;
};

struct NewCohort {
  std::string name;
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;
};

struct NewModule {
  std::string code;
  std::string title;
  bool mandatory = false;
  std::int64_t planned_hours = 0;
};

struct NewSession {
  std::optional<std::string> module_id;  // none: a conference or other programme-wide session
  std::string kind;                      // lecture, workshop, seminar, conference, self_study
  std::string title;
  std::string starts_at;  // RFC 3339 with offset
  std::string ends_at;
  std::string time_zone;  // IANA name, default Europe/Stockholm
  std::string delivery;   // online, on_site, hybrid
  std::optional<std::string> location;
};

// Each returns the rule violations, empty when valid.
std::vector<json::FieldError> validate(const NewCohort& cohort);
std::vector<json::FieldError> validate(const NewSession& session);
bool is_date(const std::string& text);

// Event data for the outbox, one function per event type.
boost::json::object programme_created(const std::string& federation, const std::string& id,
                                      const NewProgramme& p);
boost::json::object cohort_created(const std::string& federation, const std::string& id,
                                   const std::string& programme_id, const NewCohort& c);
boost::json::object module_created(const std::string& federation, const std::string& id,
                                   const std::string& programme_id, const NewModule& m);
boost::json::object session_scheduled(const std::string& federation, const std::string& id,
                                      const std::string& cohort_id, const NewSession& s);

}  // namespace samverkan::modules
