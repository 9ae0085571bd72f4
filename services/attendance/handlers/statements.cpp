// GET /v1/participants/{participant_id}/statements/{month}[/versions/{version}],
// POST /v1/participants/{participant_id}/statements/{month}/confirm, GET /v1/statements?month=
#include "../app/statements.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <charconv>
#include <samverkan/events/event.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/apologies_repo.hpp"
#include "../repo/statements_repo.hpp"
#include "routes.hpp"
#include "visibility.hpp"

namespace samverkan::attendance {

namespace {

std::string month_param(const http::Request& req) {
  const auto it = req.params.find("month");
  if (it == req.params.end() || !valid_month(it->second)) throw http::Problem::not_found("month");
  return it->second;
}

// The canonical content as JSON again, for reading (the hash is over the text).
boost::json::value content_json(const std::string& canonical) {
  return boost::json::parse(canonical);
}

boost::json::object stored_json(const StoredStatement& s) {
  return {{"version", s.version},
          {"state", to_string(s.state)},
          {"sha256", s.sha256},
          {"session_minutes", s.session_minutes},
          {"self_study_minutes", s.self_study_minutes},
          {"confirmed_at", s.confirmed_at},
          {"content", content_json(s.canonical)}};
}

}  // namespace

void add_statement_routes(runtime::Service& service) {
  service.route(
      http::Method::Get, "/v1/participants/{participant_id}/statements/{month}", kStatementReaders,
      [&service](http::Request& req, const auth::Principal& who) {
        const ids::ParticipantId participant(runtime::uuid_param(req, "participant_id"));
        const auto month = month_param(req);
        const auto statement = service.db().transact([&](pqxx::work& tx) {
          require_visible(tx, who, participant);
          return app::read_statement(tx, ids::FederationId(who.federation), participant, month);
        });
        boost::json::array versions;
        for (const auto& v : statement.versions) {
          versions.push_back({{"version", v.version},
                              {"state", to_string(v.state)},
                              {"sha256", v.sha256},
                              {"confirmed_at", v.confirmed_at}});
        }
        return http::json_response(
            200, boost::json::object{{"participant_id", participant.str()},
                                     {"month", month},
                                     {"version", statement.view.version},
                                     {"state", to_string(statement.view.state)},
                                     {"sha256", statement.view.sha256},
                                     {"session_minutes", session_minutes(statement.content)},
                                     {"self_study_minutes", self_study_minutes(statement.content)},
                                     {"content", content_json(statement.view.canonical)},
                                     {"versions", std::move(versions)}});
      });

  service.route(
      http::Method::Get, "/v1/participants/{participant_id}/statements/{month}/versions/{version}",
      kStatementReaders, [&service](http::Request& req, const auth::Principal& who) {
        const ids::ParticipantId participant(runtime::uuid_param(req, "participant_id"));
        const auto month = month_param(req);
        const auto& text = req.params.at("version");
        std::int64_t version = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
        if (error != std::errc() || end != text.data() + text.size() || version < 1)
          throw http::Problem::not_found("statement version");
        const auto stored = service.db().transact([&](pqxx::work& tx) {
          require_visible(tx, who, participant);
          return repo::statement_version(tx, ids::FederationId(who.federation), participant, month,
                                         version);
        });
        if (!stored) throw http::Problem::not_found("statement version");
        auto body = stored_json(*stored);
        body["participant_id"] = participant.str();
        body["month"] = month;
        return http::json_response(200, std::move(body));
      });

  // The participant confirms the content they read, named by its SHA-256.
  service.route(
      http::Method::Post, "/v1/participants/{participant_id}/statements/{month}/confirm",
      kStatementConfirmers, [&service](http::Request& req, const auth::Principal& who) {
        const ids::ParticipantId participant(runtime::uuid_param(req, "participant_id"));
        const auto month = month_param(req);
        const auto body = json::parse_object(req.body);
        json::ObjectReader in(body);
        const auto sha256 = in.required_string("sha256", 64);
        if (sha256.size() != 64 ||
            sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
          in.fail("sha256", "must be 64 lower-case hex digits");
        in.finish();
        const ConfirmCommand command{sha256, events::now_rfc3339(), who.subject};
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          require_visible(uow.tx(), who, participant);
          const auto decision = app::confirm_statement(uow, participant, month, command);
          if (const auto* refused = std::get_if<ConfirmRefused>(&decision)) {
            if (refused->reason == ConfirmRefusal::Stale)
              throw http::Problem::conflict(refused->detail);
            throw http::Problem::unprocessable(refused->detail, {{"month", "no time recorded"}});
          }
          const bool created = std::holds_alternative<StatementConfirmed>(decision);
          const auto& stored = created ? std::get<StatementConfirmed>(decision).statement
                                       : std::get<StatementAlreadyConfirmed>(decision).statement;
          auto answer = stored_json(stored);
          answer["participant_id"] = participant.str();
          answer["month"] = month;
          return writepath::WriteResult{created ? 201 : 200, std::move(answer), ""};
        });
      });

  // Confirmation status per organisation and month; a coordinator sees its own organisation.
  service.route(
      http::Method::Get, "/v1/statements", kStatementOverseers,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto it = req.query.find("month");
        if (it == req.query.end() || !valid_month(it->second)) {
          throw http::Problem::bad_request("month must be YYYY-MM",
                                           {{"month", "is required, as YYYY-MM"}});
        }
        const auto month = it->second;
        std::optional<ids::OrganisationId> organisation;
        if (auto scope = who.organisation_scope({Role::FederationAdmin, Role::FunderAuditor}))
          organisation = ids::OrganisationId(std::move(*scope));
        const auto status = service.db().transact([&](pqxx::work& tx) {
          return repo::month_status(tx, ids::FederationId(who.federation), month, organisation);
        });
        boost::json::array items;
        for (const auto& s : status) {
          items.push_back({{"organisation_id", s.organisation.str()},
                           {"participants", s.participants},
                           {"confirmed", s.confirmed},
                           {"superseded", s.superseded},
                           {"unconfirmed", s.participants - s.confirmed - s.superseded}});
        }
        return http::json_response(
            200, boost::json::object{{"month", month}, {"items", std::move(items)}});
      });
}

}  // namespace samverkan::attendance
