#pragma once
// Who sees which organisation's people, applied the same way by every enrolment route.
#include "../domain/enrolment.hpp"
#include "routes.hpp"

#include <samverkan/http/problem.hpp>

#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace samverkan::enrolment {

// True if the row exists and the caller may act for its organisation. Callers answer 404
// otherwise, so another organisation's people look exactly like missing ones.
inline bool visible_to(const auth::Principal& who, const std::optional<boost::json::object>& row) {
  return row && may_act_for(who, std::string(row->at("organisation_id").as_string()));
}

// The organisation a list is filtered to: the one asked for, narrowed to the caller's own for a
// coordinator (403 when a coordinator asks for another).
inline std::optional<std::string> list_filter(const auth::Principal& who, std::optional<std::string> requested) {
  if (const auto scope = who.organisation_scope(kFederationWide)) {
    if (requested && requested != scope) throw http::Problem::forbidden("not your organisation");
    return scope;
  }
  return requested;
}

}  // namespace samverkan::enrolment
