#include "drill_down.hpp"

#include <cctype>

namespace samverkan::reporting {

namespace {

// Appends ?name=value or &name=value when the value is set.
void param(std::string& href, const char* name, const std::optional<std::string>& value) {
  if (!value) return;
  href += href.find('?') == std::string::npos ? '?' : '&';
  href += name;
  href += '=';
  href += *value;
}

}  // namespace

bool valid_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && std::isdigit(static_cast<unsigned char>(text[i])) == 0) return false;
  }
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  return month >= 1 && month <= 12;
}

bool valid_date(std::string_view text) {
  if (text.size() != 10 || text[7] != '-' || !valid_month(text.substr(0, 7))) return false;
  if (std::isdigit(static_cast<unsigned char>(text[8])) == 0 ||
      std::isdigit(static_cast<unsigned char>(text[9])) == 0) {
    return false;
  }
  const int day = (text[8] - '0') * 10 + (text[9] - '0');
  return day >= 1 && day <= 31;
}

bool valid_status(std::string_view text) {
  return text == "present" || text == "late" || text == "excused" || text == "absent";
}

Link records_link(const std::string& cohort_id, const RecordFilter& filter) {
  std::string href = "/v1/cohorts/" + cohort_id + "/records";
  param(href, "organisation_id", filter.organisation_id);
  param(href, "month", filter.month);
  param(href, "module_id", filter.module_id);
  param(href, "session_id", filter.session_id);
  param(href, "participant_id", filter.participant_id);
  param(href, "status", filter.status);
  if (filter.include_cancelled) param(href, "include_cancelled", std::string("true"));
  return {"reporting", std::move(href)};
}

Link completions_link(const std::string& cohort_id,
                      const std::optional<std::string>& organisation_id, bool complete) {
  std::string href = "/v1/cohorts/" + cohort_id + "/completions";
  param(href, "organisation_id", organisation_id);
  param(href, "complete", std::string(complete ? "true" : "false"));
  return {"reporting", std::move(href)};
}

Link indicator_cell_link(const std::string& programme_id, const std::optional<std::string>& from,
                         const std::optional<std::string>& to) {
  std::string href = "/v1/programmes/" + programme_id + "/indicators/participants";
  param(href, "from", from);
  param(href, "to", to);
  return {"reporting", std::move(href)};
}

Link history_link(const std::string& session_id, const std::string& participant_id) {
  return {"attendance",
          "/v1/sessions/" + session_id + "/attendance/" + participant_id + "/history"};
}

Link audit_link(const std::string& record_id) {
  return {"attendance", "/v1/audit?entity_type=attendance&entity_id=" + record_id};
}

Link import_audit_link(const std::string& import_id) {
  return {"attendance", "/v1/audit?entity_type=attendance_import&entity_id=" + import_id};
}

}  // namespace samverkan::reporting
