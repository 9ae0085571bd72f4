// GET /v1/participants/{id}/progress
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/participant_links.hpp"
#include "../repo/reports.hpp"
#include "report_json.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

void add_progress_routes(runtime::Service& service) {
  // A participant token reads its own progress only; another participant's id answers 404.
  service.route(
      http::Method::Get, "/v1/participants/{id}/progress", kProgressReaders,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto& id = runtime::uuid_param(req, "id");
        const bool self_only = who.has(Role::Participant) && !who.has(Role::OrgCoordinator) &&
                               who.organisation_scope(kFederationWide).has_value();
        const auto [progress,
                    as_of] = read_report_as_of(service, req, [&](pqxx::transaction_base& tx) {
          std::optional<Progress> found;
          if (self_only && repo::participant_of_subject(tx, who.federation, who.subject) != id) {
            return found;
          }
          found = repo::read_progress(tx, who.federation, id);
          return found;
        });
        if (!progress) throw http::Problem::not_found("participant");
        if (self_only) {
          return http::Response{
              200, "application/json", with_as_of(progress_json(*progress), as_of), {}};
        }
        if (const auto scope = who.organisation_scope(kFederationWide);
            scope && progress->organisation_id != *scope) {
          throw http::Problem::not_found("participant");
        }
        return http::Response{
            200, "application/json", with_as_of(progress_json(*progress), as_of), {}};
      });
}

}  // namespace samverkan::reporting
