#include "attendance_recorded.hpp"

namespace samverkan::attendance {

boost::json::object AttendanceRecorded::data() const {
  boost::json::value module_id = nullptr;
  if (module) module_id = module->str();
  return {{"federation_id", record.federation.str()},
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
          {"source", to_string(record.source)}};
}

}  // namespace samverkan::attendance
