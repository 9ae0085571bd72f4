// The attendance service: evidence of time per session. Composition only.
#include <samverkan/events/typed_event.hpp>

#include "domain/attendance_recorded.hpp"
#include "handlers/routes.hpp"
#include "repo/attendance_repo.hpp"

namespace {
int serve(int argc, char** argv) {
  samverkan::runtime::Service service({"attendance",
                                       {"samverkan.modules", "samverkan.enrolment"},
                                       samverkan::attendance::repo::prepared_statements()},
                                      argc, argv);
  samverkan::events::require_schemas<samverkan::attendance::AttendanceRecorded>(service.registry());
  samverkan::attendance::add_attendance_routes(service);
  samverkan::attendance::add_apology_routes(service);
  samverkan::attendance::add_replicas(service);
  return service.run();
}
}  // namespace

int main(int argc, char** argv) {
  return samverkan::runtime::guarded_main("attendance", serve, argc, argv);
}
