#include "shapes.hpp"

#include <boost/json/value.hpp>
#include <chrono>

namespace samverkan::enrolment {

namespace {
template <class T, class Format>
boost::json::value or_null(const std::optional<T>& value, Format format) {
  return value ? boost::json::value(format(*value)) : boost::json::value(nullptr);
}
}  // namespace

boost::json::object to_json(const Organisation& o) {
  return {{"id", o.id.str()},
          {"name", o.name},
          {"org_number", o.org_number},
          {"type", o.type},
          {"version", o.version}};
}

boost::json::object to_json(const Participant& p) {
  return {{"id", p.id.str()},   {"organisation_id", p.organisation.str()},
          {"name", p.name},     {"email", p.email},
          {"gender", p.gender}, {"birth_year", p.birth_year},
          {"role", p.role},     {"version", p.version}};
}

boost::json::object to_json(const Enrolment& e) {
  return {{"id", e.id.str()},
          {"participant_id", e.participant.str()},
          {"organisation_id", e.organisation.str()},
          {"cohort_id", e.cohort.str()},
          {"status", to_string(e.status)},
          {"stage", or_null(e.stage, [](Stage s) { return to_string(s); })},
          {"requested_at", format_timestamp(e.requested_at)},
          {"approved_at", or_null(e.approved_at, format_timestamp)},
          {"left_on", or_null(e.left_on, format_date)},
          {"started_on", or_null(e.started_on, format_date)},
          {"waitlist_position", or_null(e.waitlist_position, [](std::int64_t n) { return n; })},
          {"module_ids", or_null(e.module_ids,
                                 [](const std::vector<ModuleId>& ids) {
                                   boost::json::array out;
                                   for (const auto& id : ids) out.emplace_back(id.str());
                                   return out;
                                 })},
          {"version", e.version}};
}

http::Problem problem(const DomainError& error) {
  switch (error.kind) {
    case DomainError::Kind::Forbidden:
      return http::Problem::forbidden(error.message);
    case DomainError::Kind::NotFound:
      return http::Problem::not_found(error.message);
    case DomainError::Kind::Conflict:
      return http::Problem::conflict(error.message);
    case DomainError::Kind::Invalid:
      return http::Problem::unprocessable(error.message, {{error.field, error.message}});
  }
  return http::Problem::conflict(error.message);  // unreachable: every kind is handled above
}

Timestamp now() {
  return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
}

}  // namespace samverkan::enrolment
