// PUT /v1/programmes/{id}/rules: sets a programme's electives, start and completion rule as one
// unit of work (lock the programme, decide, write the next version with its programme.changed
// event and one audit entry). The same rules again answer the programme as it is, with no event
// and no audit entry.
#include <samverkan/http/problem.hpp>

#include "../domain/catalogue.hpp"
#include "../repo/catalogue_repo.hpp"
#include "routes.hpp"
#include "views.hpp"

namespace samverkan::modules {

namespace {

// The body states the whole rule set; max_electives and completion_rule may be null or left out
// (any number of electives; no completion rule), sensitive_categories (false) and
// attendance_policy (present at 75 %) too. Shape errors are 400, rule errors 422.
ProgrammeRules read_rules(const std::string& text) {
  auto body = json::parse_object(text);
  const auto member = [&body](const char* name) {
    auto value = body.contains(name) ? body.at(name) : boost::json::value(nullptr);
    body.erase(name);
    return value;
  };
  const auto rule = member("completion_rule");
  const auto policy = member("attendance_policy");
  json::ObjectReader in(body);
  ProgrammeRules rules;
  rules.min_electives = in.required_int("min_electives", -1000, 1000);
  rules.max_electives = in.optional_int("max_electives", -1000, 1000);
  rules.start_on_approval = in.required_bool("start_on_approval");
  if (rule.is_object()) {
    json::ObjectReader r(rule.as_object());
    CompletionRule c;
    c.threshold_percent = r.required_int("threshold_percent", -1000, 1000);
    const auto basis = r.required_string("basis", 20);
    if (const auto parsed = completion_basis_from_string(basis)) {
      c.basis = *parsed;
    } else if (!basis.empty()) {
      r.fail("basis", "must be sessions or hours");
    }
    c.excused_counts = r.required_bool("excused_counts");
    c.self_study_counts = r.required_bool("self_study_counts");
    c.conferences_mandatory = r.required_bool("conferences_mandatory");
    try {
      r.finish();
    } catch (const json::InvalidInput& e) {
      for (const auto& error : e.errors()) in.fail("completion_rule." + error.field, error.message);
    }
    rules.completion = c;
  } else if (!rule.is_null()) {
    in.fail("completion_rule", "must be an object or null");
  }
  rules.sensitive_categories = in.optional_bool("sensitive_categories").value_or(false);
  if (policy.is_object()) {
    json::ObjectReader p(policy.as_object());
    rules.attendance_policy.present_percent = p.required_int("present_percent", -1000, 1000);
    try {
      p.finish();
    } catch (const json::InvalidInput& e) {
      for (const auto& error : e.errors())
        in.fail("attendance_policy." + error.field, error.message);
    }
  } else if (!policy.is_null()) {
    in.fail("attendance_policy", "must be an object or null");
  }
  in.finish();
  return rules;
}

}  // namespace

void add_programme_rule_routes(runtime::Service& service) {
  service.route(http::Method::Put, "/v1/programmes/{id}/rules", kPlanners,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::ProgrammeId id(runtime::uuid_param(req, "id"));
                  const auto rules = read_rules(req.body);
                  const Actor actor = actor_of(who);
                  const auto context = new_context();
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    const auto current = repo::lock_programme(uow.tx(), actor.federation, id);
                    auto decision = set_programme_rules(current, rules, actor, context);
                    if (!decision.ok()) answer(decision.error());
                    const Programme& next = decision.value().state;
                    if (!decision.value().event) {
                      return writepath::WriteResult{200, to_json(next), ""};
                    }
                    repo::update_programme_rules(uow.tx(), next);
                    uow.emit(*decision.value().event);
                    uow.audit({"programme.rules_changed", "programme", id.str(), current->version,
                               next.version, writepath::Reason::none()});
                    return writepath::WriteResult{200, to_json(next), ""};
                  });
                });
}

}  // namespace samverkan::modules
