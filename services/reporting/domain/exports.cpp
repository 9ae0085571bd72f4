#include "exports.hpp"

#include <initializer_list>
#include <samverkan/csv/writer.hpp>

#include "figures.hpp"

namespace samverkan::reporting {

namespace {

std::string header(const ExportFormat& format, std::initializer_list<const char*> columns) {
  csv::Writer w(format.separator, true);
  for (const auto* c : columns) w.text(c);
  w.end_row();
  return w.str();
}

std::string participant(const std::string& id, const ExportFormat& format) {
  return format.pseudonymiser != nullptr ? format.pseudonymiser->pseudonym(id) : id;
}

}  // namespace

std::string sessions_header(const ExportFormat& format) {
  return header(format, {"session_id", "date", "start", "end", "duration_minutes", "status", "kind",
                         "module", "trainers", "teacher", "participants_expected", "present",
                         "late", "excused", "absent", "hours"});
}

std::string session_row(const SessionExportRow& r, const ExportFormat& format) {
  csv::Writer w(format.separator, false);
  w.text(r.session_id)
      .text(r.date)
      .text(r.start)
      .text(r.end)
      .number(r.duration_minutes)
      .text(r.status)
      .text(r.kind)
      .text(r.module_code)
      .text(r.trainers)
      .text(r.teacher)
      .number(r.expected)
      .number(r.present)
      .number(r.late)
      .number(r.excused)
      .number(r.absent)
      .text(hours_text(r.minutes))
      .end_row();
  return w.str();
}

std::string hours_header(const ExportFormat& format) {
  return header(format,
                {format.pseudonymiser != nullptr ? "participant_pseudonym" : "participant_id",
                 "organisation_id", "month", "session_hours", "self_study_hours", "statement"});
}

std::string hours_row(const HoursExportRow& r, const ExportFormat& format) {
  csv::Writer w(format.separator, false);
  w.text(participant(r.participant_id, format))
      .text(r.organisation_id)
      .text(r.month)
      .text(hours_text(r.session_minutes))
      .text(hours_text(r.self_study_minutes))
      .text(r.statement)
      .end_row();
  return w.str();
}

}  // namespace samverkan::reporting
