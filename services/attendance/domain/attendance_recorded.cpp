#include "attendance_recorded.hpp"

namespace samverkan::attendance {

boost::json::object AttendanceRecorded::data() const {
  boost::json::value module_id = nullptr;
  if (module) module_id = module->str();
  boost::json::object data{
      {"federation_id", record.federation.str()},
      {"record_id", record.id.str()},
      {"session_id", record.session.str()},
      {"participant_id", record.participant.str()},
      {"cohort_id", cohort.str()},
      {"module_id", module_id},
      {"status", to_string(record.status)},
      {"minutes", record.minutes},
      {"revision", record.revision},
      {"version", record.version()},
      {"recorded_at", record.recorded_at},
      {"source", to_string(record.source)},
      // Whether the revision carries a reason; the reason's text stays in attendance (it may
      // name a person), reachable through the record's history.
      {"reason_given", record.reason.has_value()}};
  // An import's revision names the import and the file it read, so a figure traces to the file.
  if (record.import) {
    data["import_id"] = record.import->import_id;
    data["file_sha256"] = record.import->file_sha256;
  }
  return data;
}

}  // namespace samverkan::attendance
