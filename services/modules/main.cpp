// The modules service: programmes, cohorts, modules and dated sessions. Composition only.
#include "domain/events.hpp"
#include "handlers/routes.hpp"

namespace {
int serve(int argc, char** argv) {
  samverkan::runtime::Service service({"modules", {}}, argc, argv);
  // Every event type this service can emit must have a schema before the first request.
  samverkan::modules::require_event_schemas(service.registry());
  samverkan::modules::add_programme_routes(service);
  samverkan::modules::add_programme_rule_routes(service);
  samverkan::modules::add_cohort_routes(service);
  samverkan::modules::add_module_routes(service);
  samverkan::modules::add_session_routes(service);
  samverkan::modules::add_session_change_routes(service);
  return service.run();
}
}  // namespace

int main(int argc, char** argv) {
  return samverkan::runtime::guarded_main("modules", serve, argc, argv);
}
