// The reporting service: progress and cohort summaries from every other service's events.
// Composition only. `samverkan-reporting rebuild` recomputes the totals and exits.
#include <samverkan/log/log.hpp>
#include <string_view>

#include "handlers/routes.hpp"
#include "repo/rebuild.hpp"

namespace {
int serve(int argc, char** argv) {
  samverkan::runtime::Service service(
      {"reporting", {"samverkan.modules", "samverkan.enrolment", "samverkan.attendance"}}, argc,
      argv);
  if (argc > 1 && std::string_view(argv[1]) == "rebuild") {
    const auto counts = service.db().transact(
        [](pqxx::work& tx) { return samverkan::reporting::repo::rebuild_totals(tx); });
    samverkan::log::info("totals rebuilt", {{"records", counts.records},
                                            {"enrolments", counts.enrolments},
                                            {"sessions", counts.sessions}});
    return 0;
  }
  // After an upgrade that added totals, fill them before the first event is consumed (not in the
  // migration job, which only migrates).
  const bool migrate_only = argc > 1 && std::string_view(argv[1]) == "migrate";
  if (!migrate_only && samverkan::reporting::repo::rebuild_if_pending(service.db())) {
    samverkan::log::info("totals rebuilt after migration");
  }
  samverkan::reporting::add_progress_routes(service);
  samverkan::reporting::add_summary_routes(service);
  samverkan::reporting::add_cohort_view_routes(service);
  samverkan::reporting::add_report_page(service);
  samverkan::reporting::add_read_model(service);
  return service.run();
}
}  // namespace

int main(int argc, char** argv) {
  return samverkan::runtime::guarded_main("reporting", serve, argc, argv);
}
