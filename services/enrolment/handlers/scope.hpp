#pragma once
// Who sees which organisation's people, applied the same way by every enrolment route.
#include <optional>
#include <samverkan/http/problem.hpp>
#include <string>

#include "../domain/model.hpp"
#include "../repo/repo.hpp"
#include "routes.hpp"

namespace samverkan::enrolment {

// True if the aggregate exists and the caller may act for its organisation. Callers answer 404
// otherwise, so another organisation's people look exactly like missing ones.
template <class Aggregate>
bool visible_to(const Actor& actor, const std::optional<Aggregate>& found) {
  return found && actor.may_act_for(found->organisation);
}

// An enrolment is also visible to its own participant.
inline bool visible_to(const Actor& actor, const std::optional<Enrolment>& found) {
  return found &&
         (actor.may_act_for(found->organisation) || actor.is_participant(found->participant));
}

// The actor of a request, with a participant token resolved to the participant record linked to
// its subject (ADR 0061). A participant token linked to nobody acts for nobody: it sees nothing.
inline Actor acting(pqxx::work& tx, const auth::Principal& who) {
  auto actor = Actor::from(who);
  if (who.has(auth::Role::Participant)) {
    if (const auto self = repo::find_participant_by_subject(tx, actor.federation, who.subject)) {
      actor.participant = self->id;
    }
  }
  return actor;
}

// The organisation a list is filtered to: the one asked for, narrowed to the caller's own for a
// coordinator (403 when a coordinator asks for another).
inline std::optional<OrganisationId> list_filter(const auth::Principal& who,
                                                 const std::optional<std::string>& requested) {
  if (const auto scope = who.organisation_scope(kFederationWide)) {
    if (requested && requested != scope) throw http::Problem::forbidden("not your organisation");
    return OrganisationId(*scope);
  }
  if (requested) return OrganisationId(*requested);
  return std::nullopt;
}

}  // namespace samverkan::enrolment
