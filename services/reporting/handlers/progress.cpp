// GET /v1/participants/{id}/progress
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/reports.hpp"
#include "report_json.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

void add_progress_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/participants/{id}/progress", kReportReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto& id = runtime::uuid_param(req, "id");
                  const auto progress = read_report(service, [&](pqxx::transaction_base& tx) {
                    return repo::read_progress(tx, who.federation, id);
                  });
                  if (!progress) throw http::Problem::not_found("participant");
                  if (const auto scope = who.organisation_scope(kFederationWide);
                      scope && progress->organisation_id != *scope) {
                    throw http::Problem::not_found("participant");
                  }
                  return http::Response{200, "application/json", progress_json(*progress), {}};
                });
}

}  // namespace samverkan::reporting
