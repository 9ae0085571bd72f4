#include "visibility.hpp"

#include <algorithm>
#include <samverkan/http/problem.hpp>

#include "../repo/apologies_repo.hpp"
#include "../repo/statements_repo.hpp"
#include "routes.hpp"

namespace samverkan::attendance {

// 404 unless the caller may see this participant's own records: a participant only their own,
// a coordinator only people enrolled through its organisation; nobody a participant attendance
// knows no enrolment of.
void require_visible(pqxx::work& tx, const auth::Principal& who,
                     const ids::ParticipantId& participant) {
  const ids::FederationId fed(who.federation);
  const auto organisations = repo::organisations_of(tx, fed, participant);
  if (organisations.empty()) throw http::Problem::not_found("participant");
  if (who.has(Role::FederationAdmin) || who.has(Role::FunderAuditor)) return;
  if (who.has(Role::OrgCoordinator)) {
    const ids::OrganisationId own(who.organisation.value_or(auth::Principal::kNoOrganisation));
    if (std::find(organisations.begin(), organisations.end(), own) != organisations.end()) return;
    throw http::Problem::not_found("participant");
  }
  if (repo::participant_of_subject(tx, fed, who.subject) != participant)
    throw http::Problem::not_found("participant");
}

}  // namespace samverkan::attendance
