// POST /v1/sessions/{session_id}/apologies, GET /v1/sessions/{session_id}/apologies
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../app/register_apology.hpp"
#include "../repo/apologies_repo.hpp"
#include "routes.hpp"

namespace samverkan::attendance {

namespace {

boost::json::object apology_json(const Apology& a) {
  return {{"id", a.id},
          {"session_id", a.session.str()},
          {"participant_id", a.participant.str()},
          {"reason", a.reason},
          {"registered_at", a.registered_at}};
}

Apologist apologist_of(const auth::Principal& who) {
  Apologist apologist{Apologist::Kind::Administrator, ids::FederationId(who.federation),
                      who.subject, std::nullopt, std::nullopt};
  if (who.has(Role::FederationAdmin)) return apologist;
  if (who.has(Role::OrgCoordinator)) {
    apologist.kind = Apologist::Kind::Coordinator;
    apologist.organisation =
        ids::OrganisationId(who.organisation.value_or(auth::Principal::kNoOrganisation));
  } else {
    apologist.kind = Apologist::Kind::Participant;
  }
  return apologist;
}

[[noreturn]] void refuse(const ApologyRefused& refused) {
  switch (refused.reason) {
    case ApologyRefusal::ParticipantNotFound:
      throw http::Problem::not_found("participant");
    case ApologyRefusal::NotYourself:
      throw http::Problem::forbidden(refused.detail);
    case ApologyRefusal::NotExpected:
    case ApologyRefusal::SessionStarted:
      break;
  }
  throw http::Problem::unprocessable(refused.detail, refused.errors);
}

}  // namespace

void add_apology_routes(runtime::Service& service) {
  // One apology per session and participant: a repeat answers the stored one (200).
  service.route(http::Method::Post, "/v1/sessions/{session_id}/apologies", kApologists,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId session(runtime::uuid_param(req, "session_id"));
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  const auto participant = in.required_string("participant_id", 36);
                  auto reason = in.required_string("reason", 500);
                  if (!runtime::is_uuid(participant)) in.fail("participant_id", "must be a UUID");
                  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
                    in.fail("reason", "must not be blank");
                  in.finish();
                  const auto now = events::now_rfc3339();
                  const ApologyCommand command{
                      session,
                      ids::ParticipantId(participant),
                      std::move(reason),
                      events::new_event_id(),
                      now,
                      std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count()};
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    const auto decision = app::register_apology(uow, command, apologist_of(who));
                    if (!decision) throw http::Problem::not_found("session");
                    if (const auto* refused = std::get_if<ApologyRefused>(&*decision))
                      refuse(*refused);
                    if (const auto* registered = std::get_if<ApologyRegistered>(&*decision))
                      return writepath::WriteResult{201, apology_json(registered->apology), ""};
                    return writepath::WriteResult{
                        200, apology_json(std::get<ApologyUnchanged>(*decision).apology), ""};
                  });
                });

  service.route(http::Method::Get, "/v1/sessions/{session_id}/apologies", kApologyReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId session(runtime::uuid_param(req, "session_id"));
                  const ids::FederationId federation(who.federation);
                  const auto apologies = service.db().transact([&](pqxx::work& tx) {
                    repo::ApologyFilter filter;
                    if (auto scope = who.organisation_scope(kFederationWide))
                      filter.organisation = ids::OrganisationId(std::move(*scope));
                    if (!who.has(Role::FederationAdmin) && !who.has(Role::Trainer) &&
                        !who.has(Role::OrgCoordinator)) {
                      // A participant sees only their own (none when their token is linked to no
                      // one).
                      filter.organisation.reset();
                      filter.participant =
                          repo::participant_of_subject(tx, federation, who.subject)
                              .value_or(ids::ParticipantId(auth::Principal::kNoOrganisation));
                    }
                    return repo::list_apologies(tx, federation, session, filter);
                  });
                  if (!apologies) throw http::Problem::not_found("session");
                  boost::json::array items;
                  items.reserve(apologies->size());
                  for (const auto& apology : *apologies) items.push_back(apology_json(apology));
                  return http::json_response(200, boost::json::object{{"session_id", session.str()},
                                                                      {"items", std::move(items)}});
                });
}

}  // namespace samverkan::attendance
