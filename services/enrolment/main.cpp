// The enrolment service: organisations, participants, enrolments, approval and withdrawal.
// Composition only.
#include <string_view>
#include <thread>

#include "app/cohort_end.hpp"
#include "domain/events.hpp"
#include "domain/sensitive_counts_event.hpp"
#include "handlers/routes.hpp"

namespace {
int serve(int argc, char** argv) {
  samverkan::runtime::Service service({"enrolment", {"samverkan.modules", "samverkan.attendance"}}, argc, argv);
  // Refuse to start if the catalogue lacks a schema for any type this service emits.
  samverkan::enrolment::require_event_schemas(service.registry());
  samverkan::enrolment::require_sensitive_event_schemas(service.registry());
  samverkan::enrolment::add_organisation_routes(service);
  samverkan::enrolment::add_participant_routes(service);
  samverkan::enrolment::add_enrolment_routes(service);
  samverkan::enrolment::add_policy_routes(service);
  samverkan::enrolment::add_cohort_replica(service);
  samverkan::enrolment::add_programme_replica(service);
  samverkan::enrolment::add_start_replicas(service);
  // Not for "migrate"; otherwise stopped (and joined) when serve returns, after the service.
  std::jthread cohort_end;
  if (argc < 2 || std::string_view(argv[1]) != "migrate") {
    cohort_end = std::jthread(
        [&service, settings = samverkan::enrolment::app::cohort_end_settings_from_env()](
            const std::stop_token& stop) {
          samverkan::enrolment::app::run_cohort_end(service.db(), service.outbox(), settings, stop);
        });
  }
  return service.run();
}
}  // namespace

int main(int argc, char** argv) {
  return samverkan::runtime::guarded_main("enrolment", serve, argc, argv);
}
