// GET|PUT /v1/participants/{id}/sensitive-facts (ADR 0070): a federation_admin, the participant's
// own organisation's coordinator, or the participant themself; the funder_auditor and trainers
// are refused by role. PUT answers the new version only, never the values, so no stored
// idempotent response or access log holds them; GET shows them to those who may see them.
#include <boost/json/object.hpp>
#include <samverkan/http/problem.hpp>

#include "../app/sensitive_commands.hpp"
#include "routes.hpp"
#include "scope.hpp"
#include "shapes.hpp"

namespace samverkan::enrolment {

namespace {
// Each category may be left out or null (not asked), else {"state", "value"}; value is a boolean
// exactly when the state is answered (validate()).
SensitiveFacts read_sensitive_facts(const std::string& text) {
  const auto body = json::parse_object(text);
  const boost::json::object none;  // the reader only collects errors here
  json::ObjectReader in(none);
  SensitiveFacts facts;
  for (const auto& [key, unused] : body) {
    if (key != "disability" && key != "foreign_background" && key != "minority")
      in.fail(std::string(key), "is not a field");
  }
  const auto read = [&](const char* name, SensitiveFact& fact) {
    const auto* node = body.if_contains(name);
    if (node == nullptr || node->is_null()) return;
    if (!node->is_object()) {
      in.fail(name, "must be an object with state and value");
      return;
    }
    const auto& o = node->as_object();
    for (const auto& [key, unused] : o) {
      if (key != "state" && key != "value")
        in.fail(std::string(name) + "." + std::string(key), "is not a field");
    }
    const auto* state = o.if_contains("state");
    const auto parsed =
        state && state->is_string() ? fact_state_from(state->as_string()) : std::nullopt;
    if (parsed) {
      fact.state = *parsed;
    } else {
      in.fail(std::string(name) + ".state", "must be answered, declined or not_asked");
    }
    if (const auto* value = o.if_contains("value"); value && !value->is_null()) {
      if (value->is_bool()) {
        fact.value = value->as_bool();
      } else {
        in.fail(std::string(name) + ".value", "must be true, false or null");
      }
    }
  };
  read("disability", facts.disability);
  read("foreign_background", facts.foreign_background);
  read("minority", facts.minority);
  for (const auto& e : validate(facts, "")) in.fail(e.field, e.message);
  in.finish();
  return facts;
}

boost::json::object fact_json(const SensitiveFact& fact) {
  return {{"state", to_string(fact.state)},
          {"value", fact.value ? boost::json::value(*fact.value) : boost::json::value(nullptr)}};
}

boost::json::object view_json(const app::SensitiveFactsView& view) {
  const auto& f = view.record.facts;
  return {{"participant_id", view.record.participant.str()},
          {"collected", view.collected},
          {"version", view.record.version},
          {"disability", fact_json(f.disability)},
          {"foreign_background", fact_json(f.foreign_background)},
          {"minority", fact_json(f.minority)}};
}
}  // namespace

void add_sensitive_facts_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/participants/{id}/sensitive-facts", kPeopleAndSelf,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ParticipantId id(runtime::uuid_param(req, "id"));
                  auto found = service.db().transact([&](pqxx::work& tx) {
                    return app::sensitive_facts_of(tx, id, acting(tx, who));
                  });
                  return http::json_response(200, view_json(value_or_problem(found)));
                });

  service.route(http::Method::Put, "/v1/participants/{id}/sensitive-facts", kPeopleAndSelf,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ParticipantId id(runtime::uuid_param(req, "id"));
                  const auto facts = read_sensitive_facts(req.body);
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    const auto recorded = value_or_problem(app::record_sensitive_facts(
                        uow, id, facts, acting(uow.tx(), who), now()));
                    return writepath::WriteResult{
                        200,
                        boost::json::object{{"participant_id", recorded.participant.str()},
                                            {"version", recorded.version}},
                        ""};
                  });
                });
}

}  // namespace samverkan::enrolment
