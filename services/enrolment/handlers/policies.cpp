// PUT /v1/cohorts/{cohort_id}/enrolment-policy, GET /v1/cohorts/{cohort_id}/enrolment-policy,
// POST /v1/cohorts/{cohort_id}/interest, GET /v1/cohorts/{cohort_id}/interest
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <set>

#include "../app/commands.hpp"
#include "../repo/repo.hpp"
#include "routes.hpp"
#include "scope.hpp"
#include "shapes.hpp"

namespace samverkan::enrolment {

namespace {
constexpr std::int64_t kMaxSeats = 100000;
constexpr std::size_t kMaxQuotas = 1000;

// {"capacity": n|null, "organisation_quotas": {"<uuid>": n|null}, "approval": [...], "waitlist": b}
PolicyChange read_policy_change(const std::string& body_text) {
  const auto body = json::parse_object(body_text);
  json::ObjectReader in(body);
  PolicyChange change;
  change.capacity = in.optional_int("capacity", 0, kMaxSeats);
  if (!in.contains("capacity")) in.fail("capacity", "is required (null means unlimited)");
  if (const auto* quotas = in.optional_value("organisation_quotas")) {
    if (!quotas->is_object() || quotas->as_object().size() > kMaxQuotas) {
      in.fail("organisation_quotas", "must be an object of at most 1000 organisation ids");
    } else {
      for (const auto& [key, value] : quotas->as_object()) {
        const std::string id(key);
        if (!runtime::is_uuid(id)) {
          in.fail("organisation_quotas", "keys must be organisation ids (UUIDs)");
        } else if (value.is_null()) {
          change.organisation_quotas[OrganisationId(id)] = std::nullopt;
        } else if (value.is_int64() && value.get_int64() >= 0 && value.get_int64() <= kMaxSeats) {
          change.organisation_quotas[OrganisationId(id)] = value.get_int64();
        } else {
          in.fail("organisation_quotas", "values must be whole numbers from 0, or null");
        }
      }
    }
  }
  const auto* approval = in.optional_value("approval");
  if (approval == nullptr) {
    in.fail("approval", "is required: [\"organisation\"], [\"federation\"] or both in that order");
  } else if (!approval->is_array() || approval->as_array().empty() ||
             approval->as_array().size() > 2) {
    in.fail("approval", "must list one or two stages");
  } else {
    for (const auto& stage : approval->as_array()) {
      const auto parsed = stage.is_string() ? stage_from(stage.get_string()) : std::nullopt;
      if (!parsed) {
        in.fail("approval", "stages are \"organisation\" and \"federation\"");
        break;
      }
      change.approval.push_back(*parsed);
    }
    if (change.approval.size() == 2 && change.approval[0] != Stage::Organisation) {
      in.fail("approval", "the organisation stage comes before the federation stage");
    }
    if (change.approval.size() == 2 && change.approval[0] == change.approval[1]) {
      in.fail("approval", "a stage is named twice");
    }
  }
  change.waitlist = in.required_bool("waitlist");
  in.finish();
  return change;
}

boost::json::value number_or_null(const std::optional<std::int64_t>& n) {
  return n ? boost::json::value(*n) : boost::json::value(nullptr);
}

// The policy with its seats; a coordinator sees the cohort's totals and its own organisation only.
boost::json::object policy_json(const EnrolmentPolicy& p, const SeatUsage& usage,
                                const std::map<OrganisationId, std::int64_t>& interest,
                                const std::optional<OrganisationId>& only) {
  boost::json::object quotas;
  boost::json::array by_organisation;
  std::set<OrganisationId> organisations;
  for (const auto& [org, quota] : p.organisation_quotas) organisations.insert(org);
  for (const auto& [org, used] : usage.by_organisation) organisations.insert(org);
  for (const auto& [org, count] : interest) organisations.insert(org);
  for (const auto& org : organisations) {
    if (only && org != *only) continue;
    const auto quota = quota_of(p, org);
    if (p.organisation_quotas.count(org) > 0) quotas[org.str()] = number_or_null(quota);
    const auto used = usage.of(org);
    std::optional<std::int64_t> free;
    if (quota) free = std::max<std::int64_t>(0, *quota - used);
    if (p.capacity) {
      const auto cohort_free = std::max<std::int64_t>(0, *p.capacity - usage.total);
      free = free ? std::min(*free, cohort_free) : cohort_free;
    }
    const auto it = interest.find(org);
    by_organisation.push_back({{"organisation_id", org.str()},
                               {"quota", number_or_null(quota)},
                               {"used", used},
                               {"free", number_or_null(free)},
                               {"interest", it == interest.end() ? 0 : it->second}});
  }
  boost::json::array approval;
  for (const auto stage : p.approval) approval.emplace_back(to_string(stage));
  std::optional<std::int64_t> free;
  if (p.capacity) free = std::max<std::int64_t>(0, *p.capacity - usage.total);
  return {{"cohort_id", p.cohort.str()},
          {"capacity", number_or_null(p.capacity)},
          {"organisation_quotas", std::move(quotas)},
          {"approval", std::move(approval)},
          {"waitlist", p.waitlist},
          {"version", p.version},
          {"seats",
           {{"used", usage.total},
            {"free", number_or_null(free)},
            {"by_organisation", std::move(by_organisation)}}}};
}

boost::json::object read_policy_view(pqxx::work& tx, const auth::Principal& who,
                                     const CohortId& cohort) {
  const FederationId fed(who.federation);
  if (!repo::find_cohort(tx, fed, cohort)) throw http::Problem::not_found("cohort");
  const auto scope = who.organisation_scope(kFederationWide);
  return policy_json(repo::find_policy(tx, fed, cohort), repo::seat_usage(tx, fed, cohort),
                     repo::interest_by_organisation(tx, fed, cohort),
                     scope ? std::optional<OrganisationId>(*scope) : std::nullopt);
}
}  // namespace

void add_policy_routes(runtime::Service& service) {
  service.route(http::Method::Put, "/v1/cohorts/{cohort_id}/enrolment-policy", kAdmins,
                [&service](http::Request& req, const auth::Principal& who) {
                  const CohortId cohort(runtime::uuid_param(req, "cohort_id"));
                  const auto change = read_policy_change(req.body);
                  const auto actor = Actor::from(who);
                  return service.write(req, who, [&](writepath::UnitOfWork& uow) {
                    value_or_problem(app::set_policy(uow, cohort, change, actor, now));
                    return writepath::WriteResult{200, read_policy_view(uow.tx(), who, cohort), ""};
                  });
                });

  service.route(http::Method::Get, "/v1/cohorts/{cohort_id}/enrolment-policy", kPeopleManagers,
                [&service](http::Request& req, const auth::Principal& who) {
                  const CohortId cohort(runtime::uuid_param(req, "cohort_id"));
                  return http::json_response(200, service.db().transact([&](pqxx::work& tx) {
                    return read_policy_view(tx, who, cohort);
                  }));
                });

  // Interest: {"participant_id": "..."}; the enrolment starts in state interest. A participant
  // registers their own.
  service.route(
      http::Method::Post, "/v1/cohorts/{cohort_id}/interest", kPeopleAndSelf,
      [&service](http::Request& req, const auth::Principal& who) {
        const CohortId cohort(runtime::uuid_param(req, "cohort_id"));
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        const auto participant_id = in.required_string("participant_id", 36);
        if (!participant_id.empty() && !runtime::is_uuid(participant_id)) {
          in.fail("participant_id", "must be a UUID");
        }
        in.finish();
        const EnrolmentId id(events::new_event_id());
        const auto actor = Actor::from(who);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto created = value_or_problem(
              app::register_interest(uow, ParticipantId(participant_id), cohort, actor, id, now()));
          return writepath::WriteResult{201, to_json(created), "/v1/enrolments/" + id.str()};
        });
      });

  // What the federation sees before it sets quotas: interest per organisation.
  service.route(
      http::Method::Get, "/v1/cohorts/{cohort_id}/interest", kPeopleManagers,
      [&service](http::Request& req, const auth::Principal& who) {
        const CohortId cohort(runtime::uuid_param(req, "cohort_id"));
        const FederationId fed(who.federation);
        const auto scope = who.organisation_scope(kFederationWide);
        return http::json_response(200, service.db().transact([&](pqxx::work& tx) {
          if (!repo::find_cohort(tx, fed, cohort)) {
            throw http::Problem::not_found("cohort");
          }
          boost::json::array rows;
          std::int64_t total = 0;
          for (const auto& [org, count] : repo::interest_by_organisation(tx, fed, cohort)) {
            if (scope && org.str() != *scope) continue;
            rows.push_back({{"organisation_id", org.str()}, {"interest", count}});
            total += count;
          }
          return boost::json::object{
              {"cohort_id", cohort.str()}, {"total", total}, {"by_organisation", std::move(rows)}};
        }));
      });
}

}  // namespace samverkan::enrolment
