// PUT and GET /v1/participants/{participant_id}/email-aliases: the other addresses a participant
// joins meetings with, so an import can match them.
#include <algorithm>
#include <cctype>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>
#include <samverkan/writepath/unit_of_work.hpp>
#include <set>

#include "../repo/import_repo.hpp"
#include "routes.hpp"

namespace samverkan::attendance {

namespace {

constexpr std::size_t kMaxAliases = 10;

// Lower-cased, distinct, in the order given; each a plausible address (one '@', no spaces,
// quotes, commas or braces), at most 254 bytes. Shape errors are 400 like every body; an address
// that is no address is 422.
std::vector<std::string> read_aliases(const std::string& body) {
  const auto object = json::parse_object(body);
  json::ObjectReader in(object);
  const auto* emails = in.optional_value("emails");
  if (emails == nullptr) {
    in.fail("emails", "is required");
  } else if (!emails->is_array()) {
    in.fail("emails", "must be an array of e-mail addresses");
  } else if (emails->as_array().size() > kMaxAliases) {
    in.fail("emails", "at most 10 addresses");
  }
  in.finish();
  std::vector<std::string> out;
  std::set<std::string> seen;
  std::vector<json::FieldError> bad;
  const auto& items = emails->as_array();
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto field = "emails/" + std::to_string(i);
    if (!items[i].is_string()) {
      bad.push_back({field, "must be a string"});
      continue;
    }
    std::string e(items[i].as_string());
    for (auto& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto at = e.find('@');
    if (e.size() > 254 || at == std::string::npos || at == 0 || at + 1 == e.size() ||
        e.find('@', at + 1) != std::string::npos ||
        e.find_first_of(" \t\r\n\",{}\\") != std::string::npos) {
      bad.push_back({field, "must be an e-mail address"});
      continue;
    }
    if (seen.insert(e).second) out.push_back(std::move(e));
  }
  if (!bad.empty()) throw http::Problem::unprocessable("an alias is not an e-mail address", bad);
  return out;
}

// 404 unless attendance knows the participant in the caller's federation and, for a coordinator,
// through the coordinator's own organisation.
void require_visible(pqxx::work& tx, const auth::Principal& who,
                     const ids::ParticipantId& participant) {
  const auto organisations =
      repo::organisations_of(tx, ids::FederationId(who.federation), participant);
  if (organisations.empty()) throw http::Problem::not_found("participant");
  if (const auto scope = who.organisation_scope(kFederationWide)) {
    if (std::find(organisations.begin(), organisations.end(), *scope) == organisations.end())
      throw http::Problem::not_found("participant");
  }
}

boost::json::object aliases_json(const ids::ParticipantId& participant, const repo::Aliases& a) {
  boost::json::array emails;
  for (const auto& e : a.emails) emails.push_back(boost::json::value(e));
  return {
      {"participant_id", participant.str()}, {"emails", std::move(emails)}, {"version", a.version}};
}

}  // namespace

void add_email_alias_routes(runtime::Service& service) {
  service.route(
      http::Method::Put, "/v1/participants/{participant_id}/email-aliases", kAliasEditors,
      [&service](http::Request& req, const auth::Principal& who) {
        const ids::ParticipantId participant(runtime::uuid_param(req, "participant_id"));
        const auto emails = read_aliases(req.body);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto& tx = uow.tx();
          require_visible(tx, who, participant);
          const ids::FederationId fed(who.federation);
          const auto before = repo::load_aliases(tx, fed, participant, true);
          if (before.emails == emails && before.version > 0)
            return writepath::WriteResult{200, aliases_json(participant, before), ""};
          const auto version = repo::replace_aliases(tx, fed, participant, emails);
          uow.audit(
              {"participant.email_aliases_set", "participant_email_aliases", participant.str(),
               before.version > 0 ? std::optional<std::int64_t>(before.version) : std::nullopt,
               version, writepath::Reason::none()});
          return writepath::WriteResult{
              200, aliases_json(participant, repo::Aliases{emails, version}), ""};
        });
      });

  service.route(http::Method::Get, "/v1/participants/{participant_id}/email-aliases", kAliasEditors,
                [&service](http::Request& req, const auth::Principal& who) {
                  const ids::ParticipantId participant(runtime::uuid_param(req, "participant_id"));
                  const auto aliases = service.db().transact([&](pqxx::work& tx) {
                    require_visible(tx, who, participant);
                    return repo::load_aliases(tx, ids::FederationId(who.federation), participant,
                                              false);
                  });
                  return http::json_response(200, aliases_json(participant, aliases));
                });
}

}  // namespace samverkan::attendance
