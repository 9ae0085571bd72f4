// GET /v1/cohorts/{id}/summary
#include "../repo/read_model.hpp"
#include "routes.hpp"

#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

namespace samverkan::reporting {

void add_summary_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/cohorts/{id}/summary", kReportReaders,
                [&service](http::Request& req, const auth::Principal& who) {
    const auto& id = runtime::uuid_param(req, "id");
    // Coordinators see their own organisation's row; the federation's roles see every organisation.
    const auto organisation = who.organisation_scope(kFederationWide);
    auto summary = service.db().transact([&](pqxx::work& tx) {
      if (!repo::cohort_known(tx, who.federation, id)) throw http::Problem::not_found("cohort");
      return repo::cohort_summary(tx, who.federation, id, organisation);
    });
    return http::Response{200, "application/json", std::move(summary), {}};
  });
}

}  // namespace samverkan::reporting
