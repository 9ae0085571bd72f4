// The reporting service: progress and cohort summaries from every other service's events.
// Composition only. `samverkan-reporting rebuild` recomputes the totals and exits;
// `samverkan-reporting export ...` writes an export to stdout (cli/export_command.hpp).
#include <cstdlib>
#include <optional>
#include <samverkan/log/log.hpp>
#include <string_view>

#include "cli/export_command.hpp"
#include "handlers/routes.hpp"
#include "repo/as_of.hpp"
#include "repo/rebuild.hpp"

namespace {
int serve(int argc, char** argv) {
  samverkan::runtime::Service service(
      {"reporting", {"samverkan.modules", "samverkan.enrolment", "samverkan.attendance"}}, argc,
      argv);
  samverkan::reporting::require_event_schemas(service.registry());
  const samverkan::events::Outbox& outbox = service.outbox();
  // Completion changes found by a rebuild are published like those found by the consumer.
  const samverkan::reporting::repo::CompletionSink publish =
      [&outbox](pqxx::work& tx, const samverkan::reporting::CompletionChanged& change) {
        outbox.append(tx, change);
      };
  // The pseudonym key lives in a file apart from the database (a Secret in deploy); without it
  // only the full exports are served.
  const bool migrate_only = argc > 1 && std::string_view(argv[1]) == "migrate";
  std::optional<samverkan::reporting::Pseudonymiser> pseudonymiser;
  if (const char* key_file = std::getenv("PSEUDONYM_KEY_FILE");
      !migrate_only && key_file != nullptr && *key_file != '\0') {
    pseudonymiser = samverkan::reporting::Pseudonymiser::from_file(key_file);
  }
  const auto* pseudonyms = pseudonymiser ? &*pseudonymiser : nullptr;
  if (argc > 1 && std::string_view(argv[1]) == "export") {
    return samverkan::reporting::run_export(service.db(), argc, argv, pseudonyms);
  }
  if (argc > 1 && std::string_view(argv[1]) == "rebuild") {
    const auto counts = service.db().transact(
        [&](pqxx::work& tx) { return samverkan::reporting::repo::rebuild_totals(tx, publish); });
    samverkan::log::info("totals rebuilt", {{"records", counts.records},
                                            {"enrolments", counts.enrolments},
                                            {"sessions", counts.sessions},
                                            {"cohorts_evaluated", counts.cohorts_evaluated}});
    return 0;
  }
  // After an upgrade that added totals, fill them before the first event is consumed (not in the
  // migration job, which only migrates).
  if (!migrate_only && samverkan::reporting::repo::rebuild_if_pending(service.db(), publish)) {
    samverkan::log::info("totals rebuilt after migration");
  }
  // The as-of views follow the tracked tables' current columns (a migration may have added some).
  if (!migrate_only) samverkan::reporting::repo::refresh_asof_views(service.db());
  samverkan::reporting::add_progress_routes(service);
  samverkan::reporting::add_summary_routes(service);
  samverkan::reporting::add_cohort_view_routes(service);
  samverkan::reporting::add_report_page(service);
  samverkan::reporting::add_indicator_routes(service);
  samverkan::reporting::add_record_routes(service);
  samverkan::reporting::add_indicator_cell_routes(service, pseudonyms);
  samverkan::reporting::add_export_routes(service, pseudonyms);
  samverkan::reporting::add_monthly_file_routes(service, pseudonyms);
  samverkan::reporting::add_cofinancing_routes(service);
  samverkan::reporting::add_history_routes(service);
  samverkan::reporting::add_read_model(service);
  samverkan::reporting::add_sensitive_counts_consumer(service);
  return service.run();
}
}  // namespace

int main(int argc, char** argv) {
  return samverkan::runtime::guarded_main("reporting", serve, argc, argv);
}
