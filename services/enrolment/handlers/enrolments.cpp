// POST /v1/enrolments, GET /v1/enrolments, GET /v1/enrolments/{id},
// POST /v1/enrolments/{id}/approve, POST /v1/enrolments/{id}/reject,
// POST /v1/enrolments/{id}/request, POST /v1/enrolments/{id}/withdraw,
// PUT /v1/enrolments/{id}/modules
#include <algorithm>
#include <cctype>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>

#include "../app/commands.hpp"
#include "../repo/repo.hpp"
#include "routes.hpp"
#include "scope.hpp"
#include "shapes.hpp"

namespace samverkan::enrolment {

namespace {
bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

// {"left_on": "YYYY-MM-DD", "reason": "..."}; malformed input is a 400 naming the field.
Withdrawal read_withdrawal(const std::string& body_text) {
  const auto body = json::parse_object(body_text);
  json::ObjectReader in(body);
  const auto left_on_text = in.required_string("left_on", 10);
  const auto reason = in.required_string("reason", 500);
  const auto left_on = parse_date(left_on_text);
  if (!left_on_text.empty() && !left_on) in.fail("left_on", "must be a date YYYY-MM-DD");
  if (!reason.empty() && blank(reason)) in.fail("reason", "must not be blank");
  in.finish();
  return {*left_on, reason};
}

// {"reason": "..."}: required, as the audit trail keeps why someone was turned away.
std::string read_reason(const std::string& body_text) {
  const auto body = json::parse_object(body_text);
  json::ObjectReader in(body);
  const auto reason = in.required_string("reason", 500);
  if (!reason.empty() && blank(reason)) in.fail("reason", "must not be blank");
  in.finish();
  return reason;
}

constexpr std::size_t kMaxModules = 100;

// {"module_ids": ["<uuid>", ...]}
std::vector<ModuleId> read_module_choice(const std::string& body_text) {
  const auto body = json::parse_object(body_text);
  json::ObjectReader in(body);
  std::vector<ModuleId> ids;
  const auto* list = in.optional_value("module_ids");
  if (list == nullptr) {
    in.fail("module_ids", "is required");
  } else if (!list->is_array() || list->as_array().size() > kMaxModules) {
    in.fail("module_ids", "must be an array of at most 100 module ids");
  } else {
    for (const auto& item : list->as_array()) {
      if (!item.is_string() || !runtime::is_uuid(std::string(item.get_string()))) {
        in.fail("module_ids", "must hold module ids (UUIDs)");
        break;
      }
      ids.emplace_back(std::string(item.get_string()));
    }
  }
  in.finish();
  return ids;
}

// The handler of a transition of one enrolment by id, as every POST /v1/enrolments/{id}/<verb>
// runs it. `command` reads and validates the body, before any work, into the step to run.
template <class Command>
auto transition(runtime::Service& service, Command command) {
  return [&service, command](http::Request& req, const auth::Principal& who) {
    const EnrolmentId id(runtime::uuid_param(req, "id"));
    auto run = command(req);
    return service.write(req, who, [&](writepath::UnitOfWork& uow) {
      auto changed = value_or_problem(run(uow, id, acting(uow.tx(), who)));
      return writepath::WriteResult{200, to_json(changed), ""};
    });
  };
}

void empty_body(const http::Request& req) {
  if (!req.body.empty()) json::ObjectReader(json::parse_object(req.body)).finish();  // only {}
}
}  // namespace

void add_enrolment_routes(runtime::Service& service) {
  service.route(
      http::Method::Post, "/v1/enrolments", kPeopleManagers,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        const auto participant_id = in.required_string("participant_id", 36);
        const auto cohort_id = in.required_string("cohort_id", 36);
        if (!runtime::is_uuid(participant_id)) in.fail("participant_id", "must be a UUID");
        if (!runtime::is_uuid(cohort_id)) in.fail("cohort_id", "must be a UUID");
        in.finish();
        const EnrolmentId id(events::new_event_id());
        const auto actor = Actor::from(who);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto created = value_or_problem(app::request_enrolment(
              uow, ParticipantId(participant_id), CohortId(cohort_id), actor, id, now()));
          return writepath::WriteResult{201, to_json(created), "/v1/enrolments/" + id.str()};
        });
      });

  service.route(http::Method::Post, "/v1/enrolments/{id}/approve", kPeopleManagers,
                transition(service, [](const http::Request& req) {
                  empty_body(req);
                  return [](writepath::UnitOfWork& uow, const EnrolmentId& id, const Actor& actor) {
                    return app::approve_enrolment(uow, id, actor, now);
                  };
                }));
  service.route(http::Method::Post, "/v1/enrolments/{id}/request", kPeopleManagers,
                transition(service, [](const http::Request& req) {
                  empty_body(req);
                  return [](writepath::UnitOfWork& uow, const EnrolmentId& id, const Actor& actor) {
                    return app::request_from_interest(uow, id, actor, now);
                  };
                }));
  service.route(http::Method::Post, "/v1/enrolments/{id}/reject", kPeopleManagers,
                transition(service, [](const http::Request& req) {
                  return
                      [reason = read_reason(req.body)](writepath::UnitOfWork& uow,
                                                       const EnrolmentId& id, const Actor& actor) {
                        return app::reject_enrolment(uow, id, reason, actor, now);
                      };
                }));
  // A participant may withdraw themself.
  service.route(http::Method::Post, "/v1/enrolments/{id}/withdraw", kPeopleAndSelf,
                transition(service, [](const http::Request& req) {
                  return
                      [command = read_withdrawal(req.body)](
                          writepath::UnitOfWork& uow, const EnrolmentId& id, const Actor& actor) {
                        return app::withdraw_enrolment(uow, id, command, actor, now);
                      };
                }));

  // A participant chooses their own modules until the enrolment is approved.
  service.route(http::Method::Put, "/v1/enrolments/{id}/modules", kPeopleAndSelf,
                [&service](http::Request& req, const auth::Principal& who) {
                  const EnrolmentId id(runtime::uuid_param(req, "id"));
                  const auto chosen = read_module_choice(req.body);
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    auto changed = value_or_problem(
                        app::choose_modules(uow, id, chosen, acting(uow.tx(), who), now));
                    return writepath::WriteResult{200, to_json(changed), ""};
                  });
                });

  // A participant sees their own enrolments only; anyone else's id answers 404.
  service.route(http::Method::Get, "/v1/enrolments/{id}", kPeopleAndSelf,
                [&service](http::Request& req, const auth::Principal& who) {
                  const EnrolmentId id(runtime::uuid_param(req, "id"));
                  const FederationId fed(who.federation);
                  auto [actor, found] = service.db().transact([&](pqxx::work& tx) {
                    return std::make_pair(acting(tx, who), repo::find_enrolment(tx, fed, id));
                  });
                  if (!visible_to(actor, found)) throw http::Problem::not_found("enrolment");
                  return http::json_response(200, to_json(*found));
                });

  service.route(http::Method::Get, "/v1/enrolments", kPeopleAndSelf,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto page = runtime::read_page(req);
                  const auto cohort = runtime::uuid_query(req, "cohort_id");
                  const bool self_only = who.organisation_scope(kFederationWide) &&
                                         !who.has(Role::OrgCoordinator) &&
                                         who.has(Role::Participant);
                  const auto organisation =
                      self_only ? std::nullopt
                                : list_filter(who, runtime::uuid_query(req, "organisation_id"));
                  const FederationId fed(who.federation);
                  return runtime::page_response(
                      to_json(service.db().transact([&](pqxx::work& tx) {
                        std::optional<ParticipantId> participant;
                        if (self_only) {
                          // Linked to nobody: the nil id, which matches nothing.
                          participant = acting(tx, who).participant.value_or(
                              ParticipantId(auth::Principal::kNoOrganisation));
                        }
                        return repo::list_enrolments(
                            tx, fed, cohort ? std::optional<CohortId>(*cohort) : std::nullopt,
                            organisation, page, participant);
                      })),
                      page);
                });
}

}  // namespace samverkan::enrolment
