// PUT /v1/cohorts/{cohort_id}/self-study-policy, POST /v1/self-study,
// POST /v1/self-study/{entry_id}/approve|reject, GET /v1/participants/{participant_id}/self-study
#include "../app/self_study.hpp"

#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/attendance_repo.hpp"
#include "../repo/self_study_repo.hpp"
#include "routes.hpp"
#include "visibility.hpp"

namespace samverkan::attendance {

namespace {

boost::json::object entry_json(const SelfStudyEntry& e) {
  auto optional = [](const std::optional<std::string>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
  };
  return {{"id", e.id},
          {"participant_id", e.participant.str()},
          {"cohort_id", e.cohort.str()},
          {"module_id", e.module.str()},
          {"studied_on", e.studied_on},
          {"minutes", e.minutes},
          {"description", e.description},
          {"status", to_string(e.status)},
          {"decision_reason", optional(e.decision_reason)},
          {"logged_at", e.logged_at},
          {"decided_at", optional(e.decided_at)},
          {"version", e.version}};
}

Reviewer reviewer_of(const auth::Principal& who) {
  Reviewer reviewer{Reviewer::Kind::Administrator, ids::FederationId(who.federation), who.subject,
                    std::nullopt, std::nullopt};
  if (who.has(Role::FederationAdmin)) return reviewer;
  if (who.has(Role::OrgCoordinator)) {
    reviewer.kind = Reviewer::Kind::Coordinator;
    reviewer.organisation =
        ids::OrganisationId(who.organisation.value_or(auth::Principal::kNoOrganisation));
  } else {
    reviewer.kind = Reviewer::Kind::Participant;
  }
  return reviewer;
}

// NotFound 404, NotYourself 403, AlreadyDecided 409, the rest 422 naming the rule.
writepath::WriteResult answer(const SelfStudyDecision& decision, int created_status) {
  if (const auto* refused = std::get_if<SelfStudyRefused>(&decision)) {
    switch (refused->reason) {
      case SelfStudyRefusal::NotFound:
        throw http::Problem::not_found(refused->detail);
      case SelfStudyRefusal::NotYourself:
        throw http::Problem::forbidden(refused->detail);
      case SelfStudyRefusal::AlreadyDecided:
        throw http::Problem::conflict(refused->detail);
      default:
        throw http::Problem::unprocessable(refused->detail, refused->errors);
    }
  }
  if (const auto* changed = std::get_if<SelfStudyChanged>(&decision))
    return {created_status, entry_json(changed->entry), ""};
  return {200, entry_json(std::get<SelfStudyUnchanged>(decision).entry), ""};
}

std::string uuid_field(json::ObjectReader& in, const char* name) {
  auto value = in.required_string(name, 36);
  if (!runtime::is_uuid(value)) in.fail(name, "must be a UUID");
  return value;
}

// The handler of approve and reject.
auth::SecuredHandler review_handler(runtime::Service& service, SelfStudyStatus decision) {
  return [&service, decision](http::Request& req, const auth::Principal& who) {
    const auto entry_id = runtime::uuid_param(req, "entry_id");
    const auto body = json::parse_object(req.body.empty() ? "{}" : req.body);
    json::ObjectReader in(body);
    std::optional<std::string> reason;
    if (decision == SelfStudyStatus::Rejected) {
      reason = in.required_string("reason", 500);
      if (reason->find_first_not_of(" \t\r\n") == std::string::npos)
        in.fail("reason", "must not be blank");
    }
    in.finish();
    const Review review{decision, reason, events::now_rfc3339()};
    return service.write(req, who, [&](writepath::UnitOfWork& uow) {
      const auto decided = app::review_self_study(uow, entry_id, review, reviewer_of(who));
      if (!decided) throw http::Problem::not_found("self-study entry");
      return answer(*decided, 200);
    });
  };
}

}  // namespace

void add_self_study_routes(runtime::Service& service) {
  // The seam until programmes carry a self-study flag: a per-cohort policy, not allowed by default.
  service.route(http::Method::Put, "/v1/cohorts/{cohort_id}/self-study-policy", kPolicySetters,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::CohortId cohort(runtime::uuid_param(req, "cohort_id"));
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  const bool allowed = in.required_bool("allowed");
                  in.finish();
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    app::set_self_study_policy(uow, cohort, allowed);
                    return writepath::WriteResult{
                        200, boost::json::object{{"cohort_id", cohort.str()}, {"allowed", allowed}},
                        ""};
                  });
                });

  service.route(http::Method::Post, "/v1/self-study", kSelfStudyLoggers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto body = json::parse_object(req.body);
                  json::ObjectReader in(body);
                  LogSelfStudy command;
                  command.participant = ids::ParticipantId(uuid_field(in, "participant_id"));
                  command.cohort = ids::CohortId(uuid_field(in, "cohort_id"));
                  command.module = ids::ModuleId(uuid_field(in, "module_id"));
                  command.studied_on = in.required_string("studied_on", 10);
                  if (!repo::parse_date(command.studied_on))
                    in.fail("studied_on", "must be YYYY-MM-DD");
                  command.minutes = in.required_int("minutes", 1, kMaxSelfStudyMinutes);
                  command.description = in.required_string("description", 1000);
                  if (command.description.find_first_not_of(" \t\r\n") == std::string::npos)
                    in.fail("description", "must not be blank");
                  in.finish();
                  command.id_if_new = events::new_event_id();
                  command.now = events::now_rfc3339();
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    return answer(app::log_self_study(uow, command, reviewer_of(who)), 201);
                  });
                });

  service.route(http::Method::Post, "/v1/self-study/{entry_id}/approve", kSelfStudyReviewers,
                review_handler(service, SelfStudyStatus::Approved));
  service.route(http::Method::Post, "/v1/self-study/{entry_id}/reject", kSelfStudyReviewers,
                review_handler(service, SelfStudyStatus::Rejected));

  service.route(
      http::Method::Get, "/v1/participants/{participant_id}/self-study", kStatementReaders,
      [&service](http::Request& req, const auth::Principal& who) {
        const ids::ParticipantId participant(runtime::uuid_param(req, "participant_id"));
        const auto entries = service.db().transact([&](pqxx::work& tx) {
          require_visible(tx, who, participant);
          return repo::list_self_study(tx, ids::FederationId(who.federation), participant);
        });
        boost::json::array items;
        for (const auto& entry : entries) items.push_back(entry_json(entry));
        return http::json_response(200, boost::json::object{{"participant_id", participant.str()},
                                                            {"items", std::move(items)}});
      });
}

}  // namespace samverkan::attendance
