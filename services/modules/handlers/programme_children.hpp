#pragma once
// GET /v1/programmes/{id}/cohorts and /modules share their shape: 404 for a programme the caller's
// federation does not have, otherwise one page of its children.
#include <samverkan/http/problem.hpp>

#include "../repo/catalogue_repo.hpp"
#include "../repo/read_only.hpp"
#include "routes.hpp"
#include "views.hpp"

namespace samverkan::modules {

// list(tx, federation, programme_id, page) reads one page of the programme's children.
template <class List>
http::Response programme_children_page(runtime::Service& service, http::Request& req,
                                       const auth::Principal& who, List list) {
  const ids::ProgrammeId programme_id(runtime::uuid_param(req, "id"));
  const ids::FederationId federation(who.federation);
  const auto page = runtime::read_page(req);
  return runtime::page_response(
      to_json(repo::read_only(service.db(),
                              [&](auto& tx) {
                                if (!repo::find_programme(tx, federation, programme_id))
                                  throw http::Problem::not_found("programme");
                                return list(tx, federation, programme_id, page);
                              })),
      page);
}

}  // namespace samverkan::modules
