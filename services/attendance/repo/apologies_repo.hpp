#pragma once
// SQL for apologies. Every query filters on the caller's federation.
#include <optional>
#include <pqxx/pqxx>
#include <vector>

#include "../domain/apology.hpp"

namespace samverkan::attendance::repo {

std::optional<Apology> find_apology(pqxx::work& tx, const ids::FederationId& fed,
                                    const ids::SessionId& session,
                                    const ids::ParticipantId& participant);
// False when the pair has one already (another request won): the caller reads that one.
bool insert_apology(pqxx::work& tx, const Apology& apology);

// nullopt: no such session. organisation: only participants enrolled through it; participant:
// only that participant's.
struct ApologyFilter {
  std::optional<ids::OrganisationId> organisation;
  std::optional<ids::ParticipantId> participant;
};
std::optional<std::vector<Apology>> list_apologies(pqxx::work& tx, const ids::FederationId& fed,
                                                   const ids::SessionId& session,
                                                   const ApologyFilter& filter);

// The participant a participant token's subject is linked to (replica of enrolment's participant
// events); nullopt when none.
std::optional<ids::ParticipantId> participant_of_subject(pqxx::work& tx,
                                                         const ids::FederationId& fed,
                                                         const std::string& subject);
struct ParticipantLink {
  ids::ParticipantId participant;
  ids::FederationId federation;
  std::optional<std::string> subject;
  std::int64_t version = 1;
};
bool upsert_participant_link(pqxx::work& tx, const ParticipantLink& link);

}  // namespace samverkan::attendance::repo
