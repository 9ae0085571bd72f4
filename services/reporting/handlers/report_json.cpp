#include "report_json.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <functional>

namespace samverkan::reporting {

namespace {

// Appends `"key":value` pairs to one JSON object; the caller opens and closes it.
class Fields {
 public:
  explicit Fields(std::string& out) : out_(out) {}
  Fields& raw(const char* key, const std::string& json) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += key;
    out_ += "\":";
    out_ += json;
    return *this;
  }
  Fields& text(const char* key, const std::string& value) {
    return raw(key, boost::json::serialize(boost::json::value(value)));
  }
  Fields& number(const char* key, std::int64_t value) { return raw(key, std::to_string(value)); }

 private:
  std::string& out_;
  bool first_ = true;
};

// sessions_attended, minutes and hours of a tally.
void figures(Fields& f, const Tally& t) {
  f.number("sessions_attended", t.attended())
      .number("minutes", t.minutes)
      .raw("hours", hours_text(t.minutes));
}

std::string object(const std::function<void(Fields&)>& fill) {
  std::string out = "{";
  Fields f(out);
  fill(f);
  out += '}';
  return out;
}

std::string optional_text(const std::optional<std::string>& v) {
  return v ? boost::json::serialize(boost::json::value(*v)) : "null";
}

std::string texts(const std::vector<std::string>& items) {
  boost::json::array out;
  for (const auto& item : items) out.emplace_back(item);
  return boost::json::serialize(out);
}

template <class T, class Fill>
std::string array_of(const std::vector<T>& items, Fill fill) {
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += object([&](Fields& f) { fill(f, item); });
  }
  return out + ']';
}

// A cohort's completion; a module's attended and required count sessions, or minutes when the
// rule is by hours ("unit").
std::string completion_json(const CohortCompletion& cc) {
  const auto& c = cc.completion;
  return object([&](Fields& f) {
    f.text("cohort_id", cc.cohort_id)
        .text("programme_id", cc.programme_id)
        .raw("complete", c.complete ? "true" : "false")
        .raw("completed_on", optional_text(c.completed_on))
        .raw("missing", texts(c.missing))
        .number("electives_complete", c.electives_complete)
        .number("electives_required", c.electives_required)
        .text("unit", c.by_hours ? "minutes" : "sessions")
        .raw("modules", array_of(c.modules,
                                 [](Fields& m, const ModuleCompletion& mc) {
                                   m.text("module_id", mc.module.module_id)
                                       .text("code", mc.module.code)
                                       .raw("mandatory", mc.module.mandatory ? "true" : "false")
                                       .raw("complete", mc.complete ? "true" : "false")
                                       .raw("completed_on", optional_text(mc.completed_on))
                                       .number("attended", mc.attended)
                                       .number("required", mc.required)
                                       .raw("missing", optional_text(mc.missing));
                                 }))
        .raw("conferences", array_of(c.conferences, [](Fields& m, const ConferenceCompletion& k) {
               m.text("session_id", k.session_id)
                   .text("date", k.date)
                   .raw("attended", k.attended ? "true" : "false");
             }));
  });
}

}  // namespace

std::string progress_json(const Progress& p) {
  std::string modules = "[";
  for (const auto& m : p.modules) {
    if (modules.size() > 1) modules += ',';
    modules += object([&](Fields& f) {
      f.text("module_id", m.module.module_id)
          .text("code", m.module.code)
          .text("title", m.module.title)
          .raw("mandatory", m.module.mandatory ? "true" : "false")
          .number("planned_hours", m.module.planned_hours);
      figures(f, m.attendance);
      f.number("self_study_minutes", m.self_study_minutes);
    });
  }
  modules += ']';
  return object([&](Fields& f) {
    f.text("participant_id", p.participant_id).text("organisation_id", p.organisation_id);
    figures(f, p.overall);
    f.raw("modules", modules).raw("sessions_outside_modules", object([&](Fields& o) {
                                    o.number("sessions_attended", p.outside_modules.attended())
                                        .number("minutes", p.outside_modules.minutes);
                                  }));
    f.number("self_study_minutes", p.self_study_minutes);
    std::string completions = "[";
    for (const auto& c : p.completions) {
      if (completions.size() > 1) completions += ',';
      completions += completion_json(c);
    }
    f.raw("completion", completions + ']');
  });
}

std::string summary_json(const CohortSummary& s) {
  std::string organisations = "[";
  for (const auto& row : s.organisations) {
    if (organisations.size() > 1) organisations += ',';
    organisations += object([&](Fields& f) {
      f.text("organisation_id", row.organisation_id)
          .text("name", row.name)
          .number("participants_enrolled", row.enrolments.enrolled)
          .number("participants_withdrawn", row.enrolments.withdrawn)
          .number("participants_completed", row.completed);
      figures(f, row.attendance);
    });
  }
  organisations += ']';
  return object([&](Fields& f) {
    f.text("cohort_id", s.cohort_id)
        .raw("name", s.name ? boost::json::serialize(boost::json::value(*s.name)) : "null")
        .number("sessions_scheduled", s.sessions.scheduled)
        .number("sessions_cancelled", s.sessions.cancelled)
        .raw("organisations", organisations)
        .raw("totals", object([&](Fields& t) {
               t.number("participants_enrolled", s.enrolments.enrolled)
                   .number("participants_withdrawn", s.enrolments.withdrawn)
                   .number("participants_completed", s.completed);
               figures(t, s.attendance);
             }));
  });
}

}  // namespace samverkan::reporting
