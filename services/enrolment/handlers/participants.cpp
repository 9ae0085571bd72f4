// POST /v1/participants, GET /v1/participants, GET /v1/participants/{id},
// PUT /v1/participants/{id}/subject, GET|PUT /v1/participants/{id}/entry-facts
#include <boost/json/object.hpp>
#include <chrono>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

#include "../app/commands.hpp"
#include "../app/participant_commands.hpp"
#include "../domain/participant_events.hpp"
#include "../repo/repo.hpp"
#include "entry_facts_json.hpp"
#include "participant_imports.hpp"
#include "routes.hpp"
#include "scope.hpp"
#include "shapes.hpp"

namespace samverkan::enrolment {

namespace {
int current_year() {
  using namespace std::chrono;
  return static_cast<int>(year_month_day{floor<days>(system_clock::now())}.year());
}

boost::json::object participant_json(const Participant& p) {
  auto out = to_json(p);
  out["subject"] = p.subject ? boost::json::value(*p.subject) : boost::json::value(nullptr);
  return out;
}

boost::json::object entry_facts_json(const EntryFactsRecord& r) {
  return {{"participant_id", r.participant.str()},
          {"version", r.version},
          {"frozen_on", r.frozen_on ? boost::json::value(format_date(*r.frozen_on))
                                    : boost::json::value(nullptr)},
          {"facts", facts_json(r.facts)}};
}

void register_participant_route(runtime::Service& service) {
  service.route(http::Method::Post, "/v1/participants", kPeopleManagers,
                [&service](http::Request& req, const auth::Principal& who) {
                  auto body = json::parse_object(req.body);
                  // entry_facts (optional) is read apart; the reader checks the legacy fields
                  // strictly.
                  std::optional<boost::json::value> facts_body;
                  if (auto* facts = body.if_contains("entry_facts")) {
                    facts_body = *facts;
                    body.erase("entry_facts");
                  }
                  json::ObjectReader in(body);
                  NewParticipant p;
                  const auto organisation_id = in.required_string("organisation_id", 36);
                  p.organisation_id = OrganisationId(organisation_id);
                  p.name = in.required_string("name");
                  p.email = in.required_string("email", 254);
                  p.gender = in.required_string("gender", 16);
                  p.birth_year = in.required_int("birth_year", 1900, 2100);
                  p.role = in.optional_string("role", 100).value_or("");
                  if (!runtime::is_uuid(organisation_id))
                    in.fail("organisation_id", "must be a UUID");
                  for (auto& e : validate(p, current_year())) in.fail(e.field, e.message);
                  // Without entry_facts, the registration's gender and birth year are the facts
                  // (ADR 0060).
                  auto facts = facts_from_registration(p.gender, p.birth_year);
                  if (facts_body) {
                    facts = read_entry_facts(*facts_body, in, "entry_facts.");
                    for (auto& e : validate(facts, current_year())) in.fail(e.field, e.message);
                  }
                  in.finish();
                  const ParticipantId id(events::new_event_id());
                  const auto actor = Actor::from(who);
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    auto created = value_or_problem(app::register_participant(uow, p, actor, id));
                    app::record_registration_facts(uow, created, facts);
                    return writepath::WriteResult{201, participant_json(created),
                                                  "/v1/participants/" + id.str()};
                  });
                });
}

void read_participant_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/participants", kPeopleAndSelf,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto page = runtime::read_page(req);
                  const FederationId fed(who.federation);
                  const auto actor = Actor::from(who);
                  if (!who.has(Role::FederationAdmin) && !who.has(Role::OrgCoordinator)) {
                    // A participant's list is itself, whatever the filter asks for.
                    auto self = service.db().transact([&](pqxx::work& tx) {
                      return repo::find_participant_by_subject(tx, fed, who.subject);
                    });
                    boost::json::array items;
                    if (self && page.after.empty()) items.push_back(participant_json(*self));
                    return runtime::page_response(std::move(items), page);
                  }
                  const auto organisation =
                      list_filter(who, runtime::uuid_query(req, "organisation_id"));
                  const auto rows = service.db().transact([&](pqxx::work& tx) {
                    return repo::list_participants(tx, fed, organisation, page);
                  });
                  boost::json::array items;
                  for (const auto& p : rows) items.push_back(participant_json(p));
                  return runtime::page_response(std::move(items), page);
                });

  service.route(http::Method::Get, "/v1/participants/{id}", kPeopleAndSelf,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ParticipantId id(runtime::uuid_param(req, "id"));
                  const FederationId fed(who.federation);
                  auto found = service.db().transact(
                      [&](pqxx::work& tx) { return repo::find_participant(tx, fed, id); });
                  // Another organisation's participant, or for a participant anyone but itself,
                  // looks exactly like a missing one.
                  if (!found || !may_see(Actor::from(who), *found)) {
                    throw http::Problem::not_found("participant");
                  }
                  return http::json_response(200, participant_json(*found));
                });
}

void subject_route(runtime::Service& service) {
  service.route(
      http::Method::Put, "/v1/participants/{id}/subject", kPeopleManagers,
      [&service](http::Request& req, const auth::Principal& who) {
        const ParticipantId id(runtime::uuid_param(req, "id"));
        const auto body = json::parse_object(req.body);
        std::optional<std::string> subject;
        std::vector<json::FieldError> errors;
        const auto* value = body.if_contains("subject");
        if (!value) {
          errors.push_back({"subject", "is required (null removes the link)"});
        } else if (value->is_string() && !value->as_string().empty() &&
                   value->as_string().size() <= 255) {
          subject = std::string(value->as_string());
        } else if (!value->is_null()) {
          errors.push_back({"subject", "must be a token subject of 1 to 255 characters, or null"});
        }
        for (const auto& [key, unused] : body) {
          if (key != "subject") errors.push_back({std::string(key), "is not a field"});
        }
        if (!errors.empty()) throw json::InvalidInput(errors);
        const auto actor = Actor::from(who);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto linked = value_or_problem(app::link_subject(uow, id, subject, actor));
          return writepath::WriteResult{200, participant_json(linked), ""};
        });
      });
}

void entry_facts_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/participants/{id}/entry-facts", kPeopleManagers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ParticipantId id(runtime::uuid_param(req, "id"));
                  const auto actor = Actor::from(who);
                  auto found = service.db().transact([&](pqxx::work& tx) {
                    return app::entry_facts_of(tx, id, actor, day_of(now()));
                  });
                  return http::json_response(200, entry_facts_json(value_or_problem(found)));
                });

  service.route(http::Method::Put, "/v1/participants/{id}/entry-facts", kPeopleManagers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ParticipantId id(runtime::uuid_param(req, "id"));
                  auto body = json::parse_object(req.body);
                  boost::json::value facts_body =
                      body.contains("facts") ? body["facts"] : boost::json::value();
                  body.erase("facts");
                  json::ObjectReader in(body);
                  EntryFactsCommand command;
                  command.reason = in.optional_string("reason", 500).value_or("");
                  if (command.reason.find_first_not_of(" \t\r\n") == std::string::npos)
                    command.reason.clear();
                  if (facts_body.is_null()) {
                    in.fail("facts", "is required");
                  } else {
                    command.facts = read_entry_facts(facts_body, in, "facts.");
                    for (auto& e : validate(command.facts, current_year(), "facts.")) {
                      in.fail(e.field, e.message);
                    }
                  }
                  in.finish();
                  const auto actor = Actor::from(who);
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    auto recorded = value_or_problem(
                        app::record_entry_facts(uow, id, command, actor, day_of(now())));
                    return writepath::WriteResult{200, entry_facts_json(recorded), ""};
                  });
                });
}
}  // namespace

void add_participant_routes(runtime::Service& service) {
  // Refuse to start if the catalogue lacks a schema for a participant-side event.
  require_participant_event_schemas(service.registry());
  register_participant_route(service);
  read_participant_routes(service);
  subject_route(service);
  entry_facts_routes(service);
  add_sensitive_facts_routes(service);
  add_participant_import_routes(service);
}

}  // namespace samverkan::enrolment
