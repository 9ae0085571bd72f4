// GET /v1/cohorts/{id}/summary
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/reports.hpp"
#include "report_json.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

void add_summary_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/cohorts/{id}/summary", kReportReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto& id = runtime::uuid_param(req, "id");
                  // Coordinators see their own organisation's row; the federation's roles see
                  // every organisation.
                  const auto organisation = who.organisation_scope(kFederationWide);
                  const auto [summary, as_of] =
                      read_report_as_of(service, req, [&](pqxx::transaction_base& tx) {
                        return repo::read_summary(tx, who.federation, id, organisation);
                      });
                  if (!summary) throw http::Problem::not_found("cohort");
                  return http::Response{
                      200, "application/json", with_as_of(summary_json(*summary), as_of), {}};
                });
}

}  // namespace samverkan::reporting
