#include "events.hpp"

#include <boost/json/array.hpp>
#include <samverkan/json/reader.hpp>

namespace samverkan::modules {

namespace {
boost::json::value optional_value(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

// The fields session.scheduled and session.changed share; times in UTC.
boost::json::object session_fields(const Session& s) {
  return {
      {"federation_id", s.federation.str()},
      {"session_id", s.id.str()},
      {"cohort_id", s.cohort.str()},
      {"module_id", s.module ? boost::json::value(s.module->str()) : boost::json::value(nullptr)},
      {"kind", s.kind},
      {"title", s.title},
      {"starts_at", json::format_rfc3339_utc(s.starts_at)},
      {"ends_at", json::format_rfc3339_utc(s.ends_at)},
      {"time_zone", s.time_zone},
      {"delivery", s.delivery},
      {"location", optional_value(s.location)},
      {"trainer_subjects",
       boost::json::array(s.trainer_subjects.begin(), s.trainer_subjects.end())},
      {"trainers", trainers_json(s)},
      {"version", s.version}};
}

// The programme's state; created and changed share it.
boost::json::object programme_fields(const Programme& p) {
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
  return {{"federation_id", p.federation.str()},
          {"programme_id", p.id.str()},
          {"title", p.title},
          {"funder", optional_value(p.funder)},
          {"min_electives", r.min_electives},
          {"max_electives",
           r.max_electives ? boost::json::value(*r.max_electives) : boost::json::value(nullptr)},
          {"start_on_approval", r.start_on_approval},
          {"completion_rule", rule},
          {"version", p.version}};
}
}  // namespace

boost::json::array trainers_json(const Session& s) {
  boost::json::array trainers;
  for (const auto& subject : s.trainer_subjects) {
    const auto name = s.trainer_names.find(subject);
    trainers.push_back(
        {{"subject", subject},
         {"name", name == s.trainer_names.end() ? boost::json::value(nullptr)
                                                : boost::json::value(name->second)}});
  }
  return trainers;
}

boost::json::object ProgrammeCreated::data() const { return programme_fields(programme); }

boost::json::object ProgrammeChanged::data() const {
  auto data = programme_fields(programme);
  data["changed_at"] = json::format_rfc3339_utc(changed_at);
  return data;
}

boost::json::object CohortCreated::data() const {
  const auto& c = cohort;
  return {{"federation_id", c.federation.str()},
          {"cohort_id", c.id.str()},
          {"programme_id", c.programme.str()},
          {"name", c.name},
          {"starts_on", c.starts_on},
          {"ends_on", c.ends_on},
          {"version", c.version}};
}

boost::json::object ModuleCreated::data() const {
  const auto& m = module;
  return {{"federation_id", m.federation.str()},
          {"module_id", m.id.str()},
          {"programme_id", m.programme.str()},
          {"code", m.code},
          {"title", m.title},
          {"mandatory", m.mandatory},
          {"planned_hours", m.planned_hours},
          {"version", m.version}};
}

boost::json::object SessionScheduled::data() const { return session_fields(session); }

boost::json::object SessionChanged::data() const {
  auto data = session_fields(session);
  data["status"] = to_string(session.status);
  data["changed_at"] = json::format_rfc3339_utc(changed_at);
  return data;
}

void require_event_schemas(const events::SchemaRegistry& registry) {
  events::require_schemas<ProgrammeCreated, ProgrammeChanged, CohortCreated, ModuleCreated,
                          SessionScheduled, SessionChanged>(registry);
}

}  // namespace samverkan::modules
