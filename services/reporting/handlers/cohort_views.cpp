// GET /v1/cohorts, GET /v1/cohorts/{id}/sessions: what the report page lists and draws.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/cohort_views.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

void add_cohort_view_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/cohorts", kReportReaders,
                [&service](http::Request&, const auth::Principal& who) {
                  boost::json::array items;
                  for (const auto& c : read_report(service, [&](pqxx::transaction_base& tx) {
                         return repo::list_cohorts(tx, who.federation);
                       })) {
                    items.push_back({{"cohort_id", c.cohort_id},
                                     {"programme_id", c.programme_id},
                                     {"name", c.name}});
                  }
                  return http::json_response(200, boost::json::object{{"items", std::move(items)}});
                });

  service.route(
      http::Method::Get, "/v1/cohorts/{id}/sessions", kReportReaders,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto& id = runtime::uuid_param(req, "id");
        const auto organisation = who.organisation_scope(kFederationWide);
        const auto sessions = read_report(service, [&](pqxx::transaction_base& tx) {
          return repo::cohort_sessions(tx, who.federation, id, organisation);
        });
        if (!sessions) throw http::Problem::not_found("cohort");
        boost::json::array items;
        for (const auto& s : *sessions) {
          items.push_back({{"session_id", s.session_id}, {"date", s.date},
                           {"starts_at", s.starts_at},   {"kind", s.kind},
                           {"title", s.title},           {"status", s.status},
                           {"present", s.present},       {"late", s.late},
                           {"excused", s.excused},       {"absent", s.absent},
                           {"minutes", s.minutes}});
        }
        return http::json_response(
            200, boost::json::object{{"cohort_id", id}, {"items", std::move(items)}});
      });
}

}  // namespace samverkan::reporting
