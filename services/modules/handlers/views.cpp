#include "views.hpp"

#include <chrono>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/json/reader.hpp>

#include "../domain/events.hpp"

namespace samverkan::modules {

namespace {
boost::json::value optional_value(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
}  // namespace

boost::json::object to_json(const Programme& p) {
  const auto& r = p.rules;
  boost::json::value rule = nullptr;
  if (r.completion) {
    const auto& c = *r.completion;
    rule = boost::json::object{{"threshold_percent", c.threshold_percent},
                               {"basis", to_string(c.basis)},
                               {"excused_counts", c.excused_counts},
                               {"self_study_counts", c.self_study_counts},
                               {"conferences_mandatory", c.conferences_mandatory}};
  }
  return {{"id", p.id.str()},
          {"title", p.title},
          {"description", optional_value(p.description)},
          {"funder", optional_value(p.funder)},
          {"created_at", json::format_rfc3339_utc(p.created_at)},
          {"min_electives", r.min_electives},
          {"max_electives",
           r.max_electives ? boost::json::value(*r.max_electives) : boost::json::value(nullptr)},
          {"start_on_approval", r.start_on_approval},
          {"completion_rule", rule},
          {"version", p.version}};
}

boost::json::object to_json(const Cohort& c) {
  return {{"id", c.id.str()},     {"programme_id", c.programme.str()},
          {"name", c.name},       {"starts_on", c.starts_on},
          {"ends_on", c.ends_on}, {"version", c.version}};
}

boost::json::object to_json(const Module& m) {
  return {{"id", m.id.str()},         {"programme_id", m.programme.str()},
          {"code", m.code},           {"title", m.title},
          {"mandatory", m.mandatory}, {"planned_hours", m.planned_hours},
          {"version", m.version}};
}

boost::json::object to_json(const repo::SessionRow& row) {
  const Session& s = row.session;
  return {
      {"id", s.id.str()},
      {"cohort_id", s.cohort.str()},
      {"module_id", s.module ? boost::json::value(s.module->str()) : boost::json::value(nullptr)},
      {"kind", s.kind},
      {"title", s.title},
      {"starts_at", json::format_rfc3339_utc(s.starts_at)},
      {"ends_at", json::format_rfc3339_utc(s.ends_at)},
      {"local_start", row.local_start},
      {"local_end", row.local_end},
      {"time_zone", s.time_zone},
      {"delivery", s.delivery},
      {"location", optional_value(s.location)},
      {"status", to_string(s.status)},
      {"cancellation_reason", optional_value(s.cancellation_reason)},
      {"trainer_subjects",
       boost::json::array(s.trainer_subjects.begin(), s.trainer_subjects.end())},
      {"trainers", trainers_json(s)},
      {"version", s.version}};
}

void answer(const DomainError& error) {
  switch (error.kind) {
    case DomainError::Kind::Invalid:
      throw http::Problem::bad_request(error.message, error.errors);
    case DomainError::Kind::NotFound:
      throw http::Problem::not_found(error.message);
    case DomainError::Kind::Conflict:
      throw http::Problem::conflict(error.message);
    case DomainError::Kind::Unprocessable:
      throw http::Problem::unprocessable(error.message, error.errors);
  }
  throw std::logic_error("unknown domain error kind");
}

Actor actor_of(const auth::Principal& who) {
  return {ids::FederationId(who.federation), who.subject};
}

Context new_context() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return {events::new_event_id(), std::chrono::duration_cast<std::chrono::seconds>(now).count()};
}

writepath::AuditEntry created(const char* entity_type, const std::string& id,
                              std::int64_t version) {
  return {std::string(entity_type) + ".created",
          entity_type,
          id,
          std::nullopt,
          version,
          writepath::Reason::none()};
}

}  // namespace samverkan::modules
