// The attendance service: evidence of time per session. Composition only.
#include <samverkan/events/typed_event.hpp>
#include <string_view>
#include <thread>

#include "app/auto_mark.hpp"
#include "domain/attendance_recorded.hpp"
#include "domain/self_study_changed.hpp"
#include "domain/statement_changed.hpp"
#include "handlers/routes.hpp"
#include "repo/attendance_repo.hpp"

namespace {
int serve(int argc, char** argv) {
  samverkan::runtime::Service service({"attendance",
                                       {"samverkan.modules", "samverkan.enrolment"},
                                       samverkan::attendance::repo::prepared_statements()},
                                      argc, argv);
  samverkan::events::require_schemas<samverkan::attendance::AttendanceRecorded,
                                     samverkan::attendance::StatementChanged,
                                     samverkan::attendance::SelfStudyChangedEvent>(
      service.registry());
  samverkan::attendance::add_attendance_routes(service);
  samverkan::attendance::add_apology_routes(service);
  samverkan::attendance::add_statement_routes(service);
  samverkan::attendance::add_self_study_routes(service);
  samverkan::attendance::add_check_in_routes(service);
  samverkan::attendance::add_import_routes(service);
  samverkan::attendance::add_email_alias_routes(service);
  samverkan::attendance::add_replicas(service);
  // Not for "migrate"; otherwise stopped (and joined) when serve returns, after the service.
  std::jthread auto_marking;
  if (argc < 2 || std::string_view(argv[1]) != "migrate") {
    auto_marking = std::jthread(
        [&service, settings = samverkan::attendance::app::auto_mark_settings_from_env()](
            const std::stop_token& stop) {
          samverkan::attendance::app::run_auto_marking(service.db(), service.outbox(), settings,
                                                       stop);
        });
  }
  return service.run();
}
}  // namespace

int main(int argc, char** argv) {
  return samverkan::runtime::guarded_main("attendance", serve, argc, argv);
}
