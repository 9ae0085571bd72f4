// GET /v1/programmes/{id}/changes, GET /v1/cohorts/{id}/changes: what changed in the records
// behind the reports after a moment; PUT /v1/programmes/{id}/locks/{month}, GET .../locks: the
// funders' month locks (ADR 0074).
#include "../repo/exports.hpp"
#include "../repo/history.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <regex>
#include <samverkan/runtime/paging.hpp>
#include <set>

#include "../repo/as_of.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

namespace {

// The fields a change shows: ids, statuses, minutes, dates, versions. Never names, titles,
// personal facts (gender, birth year, entry-fact values) or their sources.
bool shown(const std::string& field) {
  static const std::set<std::string> kFields{
      "id",         "status",        "state",         "minutes",       "revision",
      "version",    "kind",          "starts_at",     "ends_at",       "started_on",
      "left_on",    "studied_on",    "month",         "complete",      "completed_on",
      "mandatory",  "planned_hours", "min_electives", "max_electives", "rule_threshold_percent",
      "rule_basis", "frozen_on"};
  const auto ends_with = [&](const std::string& tail) {
    return field.size() > tail.size() &&
           field.compare(field.size() - tail.size(), tail.size(), tail) == 0;
  };
  return kFields.count(field) > 0 || ends_with("_id") || ends_with("_state");
}

boost::json::object relevant(const std::string& image) {
  boost::json::object out;
  if (image.empty()) return out;
  const auto parsed = boost::json::parse(image);
  for (const auto& [key, value] : parsed.as_object()) {
    if (shown(std::string(key))) out[key] = value;
  }
  return out;
}

std::optional<std::string> query(const http::Request& req, const char* name) {
  const auto found = req.query.find(name);
  if (found == req.query.end()) return std::nullopt;
  return found->second;
}

// ?since= (required, RFC 3339), ?limit= (1..500, default 100), ?after=<the previous page's next>.
repo::ChangeQuery read_change_query(const http::Request& req, const auth::Principal& who) {
  repo::ChangeQuery q;
  q.federation = who.federation;
  std::vector<json::FieldError> errors;
  const auto since = query(req, "since");
  if (!since || !repo::is_rfc3339(*since)) {
    errors.push_back({"since", "must be an RFC 3339 date-time, e.g. 2026-12-01T09:00:00Z"});
  } else {
    q.since = *since;
  }
  if (const auto limit = query(req, "limit")) {
    const bool digits = !limit->empty() && limit->size() <= 3 &&
                        limit->find_first_not_of("0123456789") == std::string::npos;
    const long n = digits ? std::stol(*limit) : 0;
    if (n < 1 || n > 500) {
      errors.push_back({"limit", "must be an integer 1 to 500"});
    } else {
      q.limit = n;
    }
  }
  if (const auto after = query(req, "after")) {
    // <changed_at>~<entity>~<id>, as a page's "next" gives it.
    static const std::regex shape(R"(^([^~]{20,40})~([a-z_]{1,40})~([0-9a-f/-]{1,80})$)");
    std::smatch m;
    if (!std::regex_match(*after, m, shape) || !repo::is_rfc3339(m[1].str())) {
      errors.push_back({"after", "must be the next value of the previous page"});
    } else {
      q.after = repo::ChangeCursor{m[1].str(), m[2].str(), m[3].str()};
    }
  }
  if (!errors.empty()) throw http::Problem::bad_request("invalid query", errors);
  return q;
}

http::Response changes_response(runtime::Service& service, const repo::ChangeQuery& q,
                                const char* what) {
  std::optional<std::vector<repo::Change>> changes;
  try {
    changes =
        read_report(service, [&](pqxx::transaction_base& tx) { return repo::read_changes(tx, q); });
  } catch (const repo::AsOfRefused& refused) {
    throw http::Problem::unprocessable("since is outside the kept history",
                                       {{"since", refused.what()}});
  }
  if (!changes) throw http::Problem::not_found(what);
  boost::json::array items;
  for (const auto& c : *changes) {
    auto before = relevant(c.before);
    auto after = relevant(c.after);
    boost::json::array changed;
    for (const auto& [key, value] : after) {
      if (c.before.empty() || !before.contains(key) || before.at(key) != value) {
        changed.push_back(boost::json::string(key));
      }
    }
    boost::json::object item{{"entity", c.entity},
                             {"id", c.id},
                             {"changed_at", c.changed_at},
                             {"month", c.month ? boost::json::value(*c.month) : nullptr},
                             {"locked_month", c.locked_month},
                             {"changed", std::move(changed)},
                             {"after", std::move(after)}};
    item["before"] = c.before.empty() ? boost::json::value(nullptr) : boost::json::value(before);
    items.push_back(std::move(item));
  }
  boost::json::value next = nullptr;
  if (static_cast<long>(changes->size()) == q.limit && !changes->empty()) {
    const auto& last = changes->back();
    next = boost::json::string(last.changed_at + "~" + last.entity + "~" + last.id);
  }
  return http::json_response(
      200, boost::json::object{{"since", q.since}, {"items", std::move(items)}, {"next", next}});
}

bool is_month(const std::string& text) {
  static const std::regex shape(R"(^(\d{4})-(0[1-9]|1[0-2])$)");
  return std::regex_match(text, shape);
}

boost::json::object lock_json(const std::string& programme_id, const repo::MonthLock& lock) {
  return {{"programme_id", programme_id},
          {"month", lock.month},
          {"locked_at", lock.locked_at},
          {"locked_by", lock.locked_by}};
}

}  // namespace

void add_history_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/programmes/{id}/changes", kChangeReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  auto q = read_change_query(req, who);
                  q.programme_id = runtime::uuid_param(req, "id");
                  return changes_response(service, q, "programme");
                });
  service.route(http::Method::Get, "/v1/cohorts/{id}/changes", kChangeReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  auto q = read_change_query(req, who);
                  q.cohort_id = runtime::uuid_param(req, "id");
                  return changes_response(service, q, "cohort");
                });

  // Locking twice changes nothing: the first lock stands, no second audit entry.
  service.route(
      http::Method::Put, "/v1/programmes/{id}/locks/{month}", kLockers,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto& id = runtime::uuid_param(req, "id");
        const auto month = req.params.at("month");
        if (!is_month(month)) {
          throw http::Problem::bad_request("invalid month", {{"month", "must be YYYY-MM"}});
        }
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          if (!repo::programme_known(uow.tx(), who.federation, id)) {
            throw http::Problem::not_found("programme");
          }
          if (const auto added =
                  repo::lock_month(uow.tx(), who.federation, id, month, who.subject)) {
            uow.audit({.action = "month.locked",
                       .entity_type = "month_lock",
                       .entity_id = id + "/" + month,
                       .version_before = std::nullopt,
                       .version_after = 1,
                       .reason = writepath::Reason::none()});
            return writepath::WriteResult{201, lock_json(id, *added), ""};
          }
          const auto existing = repo::read_lock(uow.tx(), who.federation, id, month);
          return writepath::WriteResult{200, lock_json(id, *existing), ""};
        });
      });
  service.route(http::Method::Get, "/v1/programmes/{id}/locks", kChangeReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto& id = runtime::uuid_param(req, "id");
                  const auto locks = read_report(service, [&](pqxx::transaction_base& tx) {
                    std::optional<std::vector<repo::MonthLock>> out;
                    if (repo::programme_known(tx, who.federation, id)) {
                      out = repo::read_locks(tx, who.federation, id);
                    }
                    return out;
                  });
                  if (!locks) throw http::Problem::not_found("programme");
                  boost::json::array items;
                  for (const auto& lock : *locks) items.push_back(lock_json(id, lock));
                  return http::json_response(
                      200, boost::json::object{{"programme_id", id}, {"items", std::move(items)}});
                });
}

}  // namespace samverkan::reporting
