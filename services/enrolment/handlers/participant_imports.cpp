// POST /v1/organisations/{id}/participants/imports[?dry_run=true]: a CSV of participants, all or
// nothing, idempotent by e-mail within the organisation (ADR 0062).
#include "participant_imports.hpp"

#include <boost/json/serialize.hpp>
#include <chrono>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

#include "../app/participant_commands.hpp"
#include "../domain/csv_records.hpp"
#include "../repo/repo.hpp"
#include "routes.hpp"
#include "shapes.hpp"

namespace samverkan::enrolment {

namespace {
int current_year() {
  using namespace std::chrono;
  return static_cast<int>(year_month_day{floor<days>(system_clock::now())}.year());
}

boost::json::array errors_json(const std::vector<RowError>& errors) {
  boost::json::array out;
  for (const auto& e : errors) {
    out.push_back({{"line", e.line}, {"field", e.field}, {"reason", e.reason}});
  }
  return out;
}

// problem+json like every refusal, with each bad row named by line, column and reason.
http::Response rows_refused(const std::vector<RowError>& errors, const std::string& instance) {
  boost::json::object body{
      {"type", "https://samverkan.se/problems/unprocessable"},
      {"title", "Unprocessable entity"},
      {"status", 422},
      {"detail", std::to_string(errors.size()) + " problem(s) in the file; nothing was imported"},
      {"instance", instance},
      {"errors", errors_json(errors)}};
  http::Response response;
  response.status = 422;
  response.content_type = "application/problem+json";
  response.body = boost::json::serialize(body);
  return response;
}

bool dry_run_of(const http::Request& req) {
  const auto it = req.query.find("dry_run");
  if (it == req.query.end() || it->second == "false") return false;
  if (it->second == "true") return true;
  throw http::Problem::bad_request("dry_run must be true or false",
                                   {{"dry_run", "must be true or false"}});
}
}  // namespace

void add_participant_import_routes(runtime::Service& service) {
  service.route(
      http::Method::Post, "/v1/organisations/{id}/participants/imports", kPeopleManagers,
      [&service](http::Request& req, const auth::Principal& who) {
        const OrganisationId organisation(runtime::uuid_param(req, "id"));
        const bool dry_run = dry_run_of(req);
        const auto actor = Actor::from(who);
        // Another organisation (for a coordinator) or federation looks absent, before the file is
        // even read.
        auto csv = read_csv_records(req.body);
        ImportPlan plan;
        if (csv.error) {
          plan.errors.push_back(*csv.error);
        } else {
          plan = read_import(csv.records, organisation, current_year());
        }
        const bool visible =
            actor.may_act_for(organisation) && service.db().transact([&](pqxx::work& tx) {
              if (!repo::find_organisation(tx, actor.federation, organisation)) return false;
              app::check_import_cohorts(tx, actor, plan);
              return true;
            });
        if (!visible) throw http::Problem::not_found("organisation");
        if (!plan.errors.empty() && !dry_run) return rows_refused(plan.errors, req.path);

        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          const auto report = value_or_problem(app::import_participants(
              uow, organisation, plan, actor, dry_run,
              [] { return ParticipantId(events::new_event_id()); }, now()));
          boost::json::array unchanged;
          for (auto line : report.existing_lines) unchanged.push_back(line);
          boost::json::object body{{"dry_run", dry_run},
                                   {"rows", report.rows},
                                   {"created", report.created.size()},
                                   {"unchanged", report.existing_lines.size()},
                                   {"unchanged_lines", std::move(unchanged)},
                                   {"enrolments_requested", report.enrolments_requested},
                                   {"already_enrolled", report.already_enrolled},
                                   {"errors", errors_json(plan.errors)}};
          const bool changed = !report.created.empty() || report.enrolments_requested > 0;
          return writepath::WriteResult{dry_run || !changed ? 200 : 201, std::move(body), ""};
        });
      });
}

}  // namespace samverkan::enrolment
