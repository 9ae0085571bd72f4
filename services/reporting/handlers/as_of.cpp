// The as_of query parameter every report and export accepts (ADR 0074).
#include "../repo/as_of.hpp"

#include "routes.hpp"

namespace samverkan::reporting {

std::optional<std::string> as_of_query(const http::Request& req) {
  const auto found = req.query.find("as_of");
  if (found == req.query.end()) return std::nullopt;
  if (!repo::is_rfc3339(found->second)) {
    throw http::Problem::bad_request(
        "invalid query", {{"as_of", "must be an RFC 3339 date-time, e.g. 2026-12-01T09:00:00Z"}});
  }
  return found->second;
}

std::string read_at_or_refuse(runtime::Service& service, const http::Request& req,
                              const std::function<void(pqxx::work&)>& fn) {
  const auto as_of = as_of_query(req);
  auto lease = service.db().acquire();
  try {
    return repo::read_at(*lease, as_of, fn);
  } catch (const repo::AsOfRefused& refused) {
    throw http::Problem::unprocessable("as_of is outside the kept history",
                                       {{"as_of", refused.what()}});
  }
}

std::shared_ptr<OpenReport> open_report_at_or_refuse(runtime::Service& service,
                                                     const http::Request& req) {
  const auto as_of = as_of_query(req);
  auto lease = service.db().acquire();
  try {
    auto read = repo::begin_read_at(*lease, as_of);
    return std::make_shared<OpenReport>(OpenReport{std::move(lease), std::move(read)});
  } catch (const repo::AsOfRefused& refused) {
    throw http::Problem::unprocessable("as_of is outside the kept history",
                                       {{"as_of", refused.what()}});
  }
}

std::string with_as_of(const std::string& object_body, const std::string& as_of) {
  const std::string member = "\"as_of\":\"" + as_of + "\"";
  if (object_body.size() < 2 || object_body.front() != '{') return object_body;
  return "{" + member + (object_body == "{}" ? "" : ",") + object_body.substr(1);
}

}  // namespace samverkan::reporting
