// GET /v1/programmes/{id}/indicators?from=&to=&variant=&threshold=: the ESF+ common indicators of
// a programme's participants who started in the period, computed from the read model at read time.
#include "../repo/indicators.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <memory>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../domain/drill_down.hpp"
#include "../repo/projection_changes.hpp"
#include "../repo/sensitive_counts.hpp"
#include "indicator_cache.hpp"
#include "indicators_json.hpp"
#include "routes.hpp"
#include "sensitive_counts_json.hpp"

namespace samverkan::reporting {

namespace {

bool is_date(const std::string& t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (i != 4 && i != 7 && (t[i] < '0' || t[i] > '9')) return false;
  }
  const int month = std::stoi(t.substr(5, 2)), day = std::stoi(t.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::optional<std::string> query(const http::Request& req, const char* name) {
  const auto found = req.query.find(name);
  if (found == req.query.end()) return std::nullopt;
  return found->second;
}

// from/to: dates (400 naming the parameter otherwise; from after to is 400 too); variant: full
// (default) or pseudonymised; threshold: the smallest shown cell of the pseudonymised variant
// (default 5, 2..100).
IndicatorView read_view(const http::Request& req, const std::string& programme_id) {
  IndicatorView view{programme_id, {query(req, "from"), query(req, "to")}, std::nullopt};
  std::vector<json::FieldError> errors;
  for (const auto& [name, value] : {std::pair{"from", view.query.from}, {"to", view.query.to}}) {
    if (value && !is_date(*value)) errors.push_back({name, "must be a date YYYY-MM-DD"});
  }
  if (errors.empty() && view.query.from && view.query.to && *view.query.to < *view.query.from) {
    errors.push_back({"to", "must not be before from"});
  }
  const auto variant = query(req, "variant").value_or("full");
  if (variant == "pseudonymised") {
    view.pseudonymised = Suppression{};
  } else if (variant != "full") {
    errors.push_back({"variant", "must be full or pseudonymised"});
  }
  if (const auto threshold = query(req, "threshold")) {
    const bool digits = !threshold->empty() && threshold->size() <= 3 &&
                        threshold->find_first_not_of("0123456789") == std::string::npos;
    const int n = digits ? std::stoi(*threshold) : 0;
    if (n < 2 || n > 100) {
      errors.push_back({"threshold", "must be an integer 2 to 100"});
    } else if (view.pseudonymised) {
      view.pseudonymised->threshold = n;
    }
  }
  if (!errors.empty()) throw http::Problem::bad_request("invalid query", errors);
  return view;
}

// Everything an answer depends on, the federation first.
std::string cache_key(const std::string& fed, const IndicatorView& view) {
  const auto text = [](const std::optional<std::string>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
  };
  return boost::json::serialize(
      boost::json::array{boost::json::value(fed), boost::json::value(view.programme_id),
                         text(view.query.from), text(view.query.to),
                         view.pseudonymised ? boost::json::value(view.pseudonymised->threshold)
                                            : boost::json::value(nullptr)});
}

// Answers of a few programmes and periods: a full answer names its incomplete participants, so
// one can be some megabytes at 100k participants.
constexpr std::size_t kCacheBytes = std::size_t{32} * 1024 * 1024;

}  // namespace

void add_indicator_routes(runtime::Service& service) {
  auto cache = std::make_shared<IndicatorCache>(kCacheBytes);
  service.route(
      http::Method::Get, "/v1/programmes/{id}/indicators", kIndicatorReaders,
      [&service, cache](http::Request& req, const auth::Principal& who) {
        const auto& id = runtime::uuid_param(req, "id");
        const auto view = read_view(req, id);
        // The answer, computed on one snapshot (as of the request's as_of, or live) and named
        // with the moment it reflects. One pass over the rows as the cursor yields them: memory
        // does not grow with the programme.
        const auto compute = [&]() -> std::optional<std::string> {
          std::vector<SensitiveCells> sensitive;
          const auto [indicators, as_of] = read_report_as_of(service, req, [&](pqxx::work& tx) {
            sensitive = repo::read_sensitive_counts(tx, who.federation, id);
            IndicatorCounter counter(view.query);
            const bool known = repo::for_each_indicator_person(
                tx, who.federation, id, [&](IndicatorPerson p) { counter.add(std::move(p)); });
            return known ? std::optional<Indicators>(counter.finish()) : std::nullopt;
          });
          if (!indicators) return std::nullopt;
          auto body = indicators_json(*indicators, view);
          // Additive (ADR 0070): current counts among approved enrolments, not limited by from/to.
          body["sensitive_categories"] =
              sensitive_counts_json(sum_sensitive_counts(sensitive), view.pseudonymised);
          // Drill-down (ADR 0078): add gender= and one column to open a cell's participants.
          const auto cells = indicator_cell_link(id, view.query.from, view.query.to);
          body["links"] = {{"participants", {{"service", cells.service}, {"href", cells.href}}}};
          return with_as_of(boost::json::serialize(body), as_of);
        };
        std::optional<std::string> body;
        if (as_of_query(req)) {
          body = compute();  // a past moment: computed from the history, never cached
        } else {
          // The count is read before the rows: rows read afterwards are at least that new, so an
          // answer is never labelled newer than what it was computed from. A cached answer keeps
          // the moment it was computed at, which it still reflects while the count stands.
          const auto key = cache_key(who.federation, view);
          const auto changes = read_report(service, [&](pqxx::transaction_base& tx) {
            return repo::projection_changes(tx, who.federation);
          });
          body = cache->find(key, changes);
          if (!body) {
            body = compute();
            if (body) cache->store(key, changes, *body);
          }
        }
        if (!body) throw http::Problem::not_found("programme");
        return http::Response{200, "application/json", std::move(*body), {}};
      });
}

}  // namespace samverkan::reporting
