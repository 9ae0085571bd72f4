// POST /v1/sessions/{session_id}/reschedule, POST /v1/sessions/{session_id}/cancel,
// PUT /v1/sessions/{session_id}/trainers and GET /v1/sessions/{session_id}. A change runs as one
// unit of work: lock the session's row, decide on its current state, write the next version with
// its session.changed event and an audit entry (with the reason, for a reschedule or cancellation).
// A change that changes nothing (the same times again) answers the session as it is, with no event
// and no audit entry.
#include <samverkan/http/problem.hpp>

#include "../domain/session.hpp"
#include "../repo/read_only.hpp"
#include "../repo/sessions_repo.hpp"
#include "routes.hpp"
#include "views.hpp"

namespace samverkan::modules {

namespace {

// decide(current, actor) -> Result<Decision<Session, SessionChanged>>.
template <class Decide>
http::Response change_session(runtime::Service& service, http::Request& req,
                              const auth::Principal& who, const ids::SessionId& id,
                              const char* action, const writepath::Reason& reason, Decide decide) {
  const Actor actor = actor_of(who);
  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
    const auto current = repo::lock_session(uow.tx(), actor.federation, id);
    if (!current) throw http::Problem::not_found("session");
    auto decision = decide(current->session, actor);
    if (!decision.ok()) answer(decision.error());
    if (!decision.value().event) return writepath::WriteResult{200, to_json(*current), ""};
    const Session& next = decision.value().state;
    auto row = repo::update_session(uow.tx(), next);
    uow.emit(*decision.value().event);
    uow.audit({action, "session", id.str(), current->session.version, next.version, reason});
    return writepath::WriteResult{200, to_json(row), ""};
  });
}

// ["...", ...]: the subjects, without names.
void read_subjects(const boost::json::value& subjects, AssignTrainers& command,
                   std::vector<json::FieldError>& errors) {
  if (!subjects.is_array()) {
    errors.push_back({"trainer_subjects", "is an array of subjects"});
    return;
  }
  if (subjects.as_array().size() > kMaxTrainers) {
    errors.push_back({"trainer_subjects", "at most 20 trainers per session"});
    return;
  }
  for (const auto& subject : subjects.as_array()) {
    if (!subject.is_string()) {
      errors.push_back({"trainer_subjects", "each must be a string"});
      return;
    }
    command.trainer_subjects.emplace_back(subject.as_string());
  }
}

// [{"subject": "...", "name": "..." or null or absent}, ...]: the subjects with their names.
void read_named(const boost::json::value& trainers, AssignTrainers& command,
                std::vector<json::FieldError>& errors) {
  if (!trainers.is_array()) {
    errors.push_back({"trainers", "is an array of {subject, name}"});
    return;
  }
  if (trainers.as_array().size() > kMaxTrainers) {
    errors.push_back({"trainers", "at most 20 trainers per session"});
    return;
  }
  for (const auto& trainer : trainers.as_array()) {
    const auto* entry = trainer.if_object();
    const auto* subject = entry != nullptr ? entry->if_contains("subject") : nullptr;
    const auto* name = entry != nullptr ? entry->if_contains("name") : nullptr;
    const bool only_known_keys = subject != nullptr && entry->size() == (name != nullptr ? 2U : 1U);
    if (!only_known_keys || !subject->is_string() ||
        (name != nullptr && !name->is_string() && !name->is_null())) {
      errors.push_back(
          {"trainers", "each must be {\"subject\": string, \"name\": string or null}"});
      return;
    }
    command.trainer_subjects.emplace_back(subject->as_string());
    if (name != nullptr && name->is_string())
      command.names.emplace_back(std::string(subject->as_string()), std::string(name->as_string()));
  }
}

// {"trainer_subjects": [...]} (no names) or {"trainers": [{"subject", "name"}, ...]}; exactly one
// of the two. Here only the JSON's shape is checked; the rules on subjects and names are the
// domain's.
AssignTrainers read_trainers(const std::string& body) {
  const auto object = json::parse_object(body);
  std::vector<json::FieldError> errors;
  for (const auto& entry : object) {
    if (entry.key() != "trainer_subjects" && entry.key() != "trainers")
      errors.push_back({std::string(entry.key()), "unknown field"});
  }
  AssignTrainers command;
  const auto* subjects = object.if_contains("trainer_subjects");
  const auto* trainers = object.if_contains("trainers");
  if ((subjects == nullptr) == (trainers == nullptr)) {
    errors.push_back({"trainers", "give either trainers or trainer_subjects, an array"});
  } else if (subjects != nullptr) {
    read_subjects(*subjects, command, errors);
  } else {
    read_named(*trainers, command, errors);
  }
  if (!errors.empty()) throw json::InvalidInput(std::move(errors));
  return command;
}

}  // namespace

void add_session_change_routes(runtime::Service& service) {
  service.route(
      http::Method::Post, "/v1/sessions/{session_id}/reschedule", kPlanners,
      [&service](http::Request& req, const auth::Principal& who) {
        const ids::SessionId id(runtime::uuid_param(req, "session_id"));
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        Reschedule command{in.required_string("starts_at", 40), in.required_string("ends_at", 40),
                           in.required_string("reason", 500)};
        in.finish();
        const auto context = new_context();
        return change_session(service, req, who, id, "session.rescheduled",
                              writepath::Reason::given(command.reason),
                              [&](const Session& current, const Actor& actor) {
                                return reschedule_session(current, command, actor, context);
                              });
      });

  service.route(http::Method::Post, "/v1/sessions/{session_id}/cancel", kPlanners,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId id(runtime::uuid_param(req, "session_id"));
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  Cancel command{in.required_string("reason", 500)};
                  in.finish();
                  const auto context = new_context();
                  return change_session(service, req, who, id, "session.cancelled",
                                        writepath::Reason::given(command.reason),
                                        [&](const Session& current, const Actor& actor) {
                                          return cancel_session(current, command, actor, context);
                                        });
                });

  // The whole set of trainers; the same set again answers the session with no event or entry.
  service.route(http::Method::Put, "/v1/sessions/{session_id}/trainers", kPlanners,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId id(runtime::uuid_param(req, "session_id"));
                  const auto command = read_trainers(req.body);
                  const auto context = new_context();
                  return change_session(service, req, who, id, "session.trainers_assigned",
                                        writepath::Reason::none(),
                                        [&](const Session& current, const Actor& actor) {
                                          return assign_trainers(current, command, actor, context);
                                        });
                });

  service.route(http::Method::Get, "/v1/sessions/{session_id}", kReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::SessionId id(runtime::uuid_param(req, "session_id"));
                  const ids::FederationId federation(who.federation);
                  auto found = repo::read_only(service.db(), [&](auto& tx) {
                    return repo::find_session(tx, federation, id);
                  });
                  if (!found) throw http::Problem::not_found("session");
                  return http::json_response(200, to_json(*found));
                });
}

}  // namespace samverkan::modules
