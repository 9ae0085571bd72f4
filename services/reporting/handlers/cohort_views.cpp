// GET /v1/cohorts, GET /v1/cohorts/{id}/sessions, GET /v1/cohorts/{id}/funnel: what the report
// page lists and draws.
#include "../repo/cohort_views.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../domain/drill_down.hpp"
#include "../domain/funnel.hpp"
#include "../repo/completions.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

namespace {

boost::json::object link_json(const Link& link) {
  return {{"service", link.service}, {"href", link.href}};
}

// Drill-down (ADR 0078): the marks behind "started" and the participants behind "complete".
boost::json::object funnel_links(const std::string& cohort,
                                 const std::optional<std::string>& organisation) {
  RecordFilter records;
  records.organisation_id = organisation;
  return {{"records", link_json(records_link(cohort, records))},
          {"complete", link_json(completions_link(cohort, organisation, true))}};
}

}  // namespace

void add_cohort_view_routes(runtime::Service& service) {
  service.route(
      http::Method::Get, "/v1/cohorts", kReportReaders,
      [&service](http::Request&, const auth::Principal& who) {
        boost::json::array items;
        for (const auto& c : read_report(service, [&](pqxx::transaction_base& tx) {
               return repo::list_cohorts(tx, who.federation);
             })) {
          items.push_back(
              {{"cohort_id", c.cohort_id}, {"programme_id", c.programme_id}, {"name", c.name}});
        }
        return http::json_response(200, boost::json::object{{"items", std::move(items)}});
      });

  service.route(http::Method::Get, "/v1/cohorts/{id}/sessions", kReportReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto& id = runtime::uuid_param(req, "id");
                  const auto organisation = who.organisation_scope(kFederationWide);
                  const auto [sessions, as_of] =
                      read_report_as_of(service, req, [&](pqxx::transaction_base& tx) {
                        return repo::cohort_sessions(tx, who.federation, id, organisation);
                      });
                  if (!sessions) throw http::Problem::not_found("cohort");
                  boost::json::array items;
                  for (const auto& s : *sessions) {
                    items.push_back({{"session_id", s.session_id},
                                     {"date", s.date},
                                     {"starts_at", s.starts_at},
                                     {"kind", s.kind},
                                     {"title", s.title},
                                     {"status", s.status},
                                     {"present", s.present},
                                     {"late", s.late},
                                     {"excused", s.excused},
                                     {"absent", s.absent},
                                     {"minutes", s.minutes}});
                  }
                  return http::json_response(
                      200, boost::json::object{
                               {"as_of", as_of}, {"cohort_id", id}, {"items", std::move(items)}});
                });

  service.route(http::Method::Get, "/v1/cohorts/{id}/funnel", kReportReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto& id = runtime::uuid_param(req, "id");
                  const auto organisation = who.organisation_scope(kFederationWide);
                  const auto [funnel, as_of] =
                      read_report_as_of(service, req, [&](pqxx::transaction_base& tx) {
                        std::optional<Funnel> out;
                        const auto marks = repo::cohort_marks(tx, who.federation, id, organisation);
                        if (!marks) return out;
                        std::optional<FunnelPlan> plan;
                        if (auto p = repo::read_cohort_plan(tx, who.federation, id)) {
                          plan = FunnelPlan{p->rule, std::move(p->modules), std::move(p->sessions)};
                        }
                        out = count_funnel(plan, *marks);
                        return out;
                      });
                  if (!funnel) throw http::Problem::not_found("cohort");
                  return http::json_response(
                      200, boost::json::object{{"as_of", as_of},
                                               {"cohort_id", id},
                                               {"enrolled", funnel->enrolled},
                                               {"started", funnel->started},
                                               {"mandatory_complete", funnel->mandatory_complete},
                                               {"complete", funnel->complete},
                                               {"rule", funnel->rule},
                                               {"links", funnel_links(id, organisation)}});
                });
}

}  // namespace samverkan::reporting
