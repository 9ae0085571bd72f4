// The reporting service: progress and cohort summaries from every other service's events.
// Composition only.
#include "handlers/routes.hpp"

namespace {
int serve(int argc, char** argv) {
  samverkan::runtime::Service service(
      {"reporting", {"samverkan.modules", "samverkan.enrolment", "samverkan.attendance"}}, argc, argv);
  samverkan::reporting::add_progress_routes(service);
  samverkan::reporting::add_summary_routes(service);
  samverkan::reporting::add_read_model(service);
  return service.run();
}
}  // namespace

int main(int argc, char** argv) { return samverkan::runtime::guarded_main("reporting", serve, argc, argv); }
