// GET /v1/participants/{id}/progress
#include "../repo/read_model.hpp"
#include "routes.hpp"

#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

namespace samverkan::reporting {

void add_progress_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/participants/{id}/progress", kReportReaders,
                [&service](http::Request& req, const auth::Principal& who) {
    const auto& id = runtime::uuid_param(req, "id");
    auto progress = service.db().transact([&](pqxx::work& tx) {
      const auto organisation = repo::participant_organisation(tx, who.federation, id);
      if (!organisation) throw http::Problem::not_found("participant");
      if (const auto scope = who.organisation_scope(kFederationWide); scope && organisation != scope) {
        throw http::Problem::not_found("participant");
      }
      return repo::participant_progress(tx, who.federation, id);
    });
    return http::Response{200, "application/json", std::move(progress), {}};
  });
}

}  // namespace samverkan::reporting
