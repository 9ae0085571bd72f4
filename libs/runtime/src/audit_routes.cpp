// The audit trail's read side. Both routes see only the caller's federation (from the token).
//   GET /v1/audit?limit=1..500&after=<seq>&entity_type=&entity_id=
//       {"items": [entry...], "next": <seq> | null}, oldest first
//   GET /v1/audit/verify
//       {"ok": bool, "entries": n, "first_broken": seq | null, "pending": n}
//       (entries: sealed ones, all checked; pending: committed, not sealed yet)
#include "audit_routes.hpp"

#include <boost/json/object.hpp>
#include <charconv>
#include <limits>
#include <samverkan/http/problem.hpp>
#include <samverkan/writepath/audit_log.hpp>

namespace samverkan::runtime {

namespace {

const std::set<auth::Role> kAuditors = {auth::Role::FederationAdmin, auth::Role::FunderAuditor};

long integer_query(const http::Request& request, const std::string& name, long fallback, long min,
                   long max, const std::string& rule) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return fallback;
  long value = 0;
  const auto& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    throw http::Problem::bad_request(name + " must be " + rule, {{name, "must be " + rule}});
  }
  return value;
}

std::optional<std::string> text_query(const http::Request& request, const std::string& name,
                                      std::size_t max) {
  auto it = request.query.find(name);
  if (it == request.query.end()) return std::nullopt;
  if (it->second.empty() || it->second.size() > max) {
    const std::string rule = "must be 1 to " + std::to_string(max) + " characters";
    throw http::Problem::bad_request(name + " " + rule, {{name, rule}});
  }
  return it->second;
}

}  // namespace

void add_audit_routes(Service& service, const std::string& service_name) {
  service.route(http::Method::Get, "/v1/audit", kAuditors,
                [&service](http::Request& req, const auth::Principal& who) {
                  writepath::AuditQuery query;
                  query.limit =
                      integer_query(req, "limit", 100, 1, 500, "an integer from 1 to 500");
                  query.after = integer_query(req, "after", 0, 0, std::numeric_limits<long>::max(),
                                              "a non-negative integer");
                  query.entity_type = text_query(req, "entity_type", 64);
                  query.entity_id = text_query(req, "entity_id", 128);
                  auto items = service.db().transact([&](pqxx::work& tx) {
                    return writepath::read_audit(tx, who.federation, query);
                  });
                  boost::json::object body;
                  boost::json::value next = nullptr;
                  if (static_cast<long>(items.size()) == query.limit)
                    next = items.back().as_object().at("seq");
                  body["items"] = std::move(items);
                  body["next"] = std::move(next);
                  return http::json_response(200, body);
                });

  service.route(http::Method::Get, "/v1/audit/verify", kAuditors,
                [&service, service_name](http::Request&, const auth::Principal& who) {
                  const auto result = service.db().transact([&](pqxx::work& tx) {
                    // One snapshot for the entries and the head, or a concurrent append would look
                    // like tampering.
                    tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
                    return writepath::verify_audit(tx, service_name, who.federation);
                  });
                  boost::json::object body;
                  body["ok"] = result.ok;
                  body["entries"] = result.entries;
                  body["first_broken"] = result.first_broken
                                             ? boost::json::value(*result.first_broken)
                                             : boost::json::value(nullptr);
                  body["pending"] = result.pending;
                  return http::json_response(200, body);
                });
}

}  // namespace samverkan::runtime
