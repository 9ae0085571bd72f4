// The attendance service: evidence of time per session. Composition only.
#include "handlers/routes.hpp"

namespace {
int serve(int argc, char** argv) {
  samverkan::runtime::Service service({"attendance", {"samverkan.modules", "samverkan.enrolment"}}, argc, argv);
  samverkan::attendance::add_attendance_routes(service);
  samverkan::attendance::add_replicas(service);
  return service.run();
}
}  // namespace

int main(int argc, char** argv) { return samverkan::runtime::guarded_main("attendance", serve, argc, argv); }
