// Co-financing (domain/cofinancing.hpp):
//   PUT /v1/programmes/{id}/unit-costs: a funder's unit costs for the programme (federation_admin)
//       {"funder": "ESF+", "currency": "SEK", "rounding": "minutes|minutes_per_row|
//        whole_hours_down|started_hour_up", "rates": [{"valid_from": "2026-01-01", "per_hour":
//        "512.00"}, ...]}
//   GET /v1/programmes/{id}/unit-costs: every funder's
//   GET /v1/cohorts/{id}/exports/cofinancing.csv?funder=&separator=: confirmed hours valued per
//       organisation and month (no person in it, so one variant)
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/json/reader.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../repo/exports.hpp"
#include "../repo/monthly_files.hpp"
#include "../repo/unit_costs.hpp"
#include "export_variant.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

namespace {

UnitCosts read_unit_costs_body(const std::string& text) {
  const auto body = json::parse_object(text);
  json::ObjectReader in(body);
  UnitCosts costs;
  costs.funder = in.required_string("funder", 50);
  if (costs.funder.find_first_not_of(" \t") == std::string::npos ||
      std::any_of(costs.funder.begin(), costs.funder.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
    in.fail("funder", "must be a name without control characters");
  }
  costs.currency = in.required_string("currency", 3);
  if (costs.currency.size() != 3 || !std::all_of(costs.currency.begin(), costs.currency.end(),
                                                 [](char c) { return c >= 'A' && c <= 'Z'; })) {
    in.fail("currency", "must be an ISO 4217 code, e.g. SEK");
  }
  const auto rounding = in.required_string("rounding", 40);
  if (const auto r = rounding_from(rounding)) {
    costs.rounding = *r;
  } else {
    in.fail("rounding", "must be minutes, minutes_per_row, whole_hours_down or started_hour_up");
  }
  const auto* rates = in.optional_value("rates");
  if (rates == nullptr || !rates->is_array() || rates->as_array().empty() ||
      rates->as_array().size() > 100) {
    in.fail("rates", "must be an array of 1 to 100 rates");
  } else {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < rates->as_array().size(); ++i) {
      const auto field = "rates/" + std::to_string(i);
      const auto& item = rates->as_array()[i];
      const auto* o = item.if_object();
      const auto* from = o != nullptr ? o->if_contains("valid_from") : nullptr;
      const auto* per_hour = o != nullptr ? o->if_contains("per_hour") : nullptr;
      if (o == nullptr || o->size() != 2 || from == nullptr || !from->is_string() ||
          per_hour == nullptr || !per_hour->is_string()) {
        in.fail(field, "must be {\"valid_from\": date, \"per_hour\": decimal string}");
        continue;
      }
      const std::string date(from->as_string());
      const auto minor = parse_money(per_hour->as_string());
      if (!is_calendar_date(date)) in.fail(field + "/valid_from", "must be a date YYYY-MM-DD");
      if (!minor) in.fail(field + "/per_hour", "must be a decimal string with up to 2 decimals");
      if (!seen.insert(date).second) in.fail(field + "/valid_from", "must not repeat");
      if (minor) costs.rates.push_back({date, *minor});
    }
  }
  in.finish();
  std::sort(costs.rates.begin(), costs.rates.end(),
            [](const auto& a, const auto& b) { return a.valid_from < b.valid_from; });
  return costs;
}

boost::json::object costs_json(const std::string& programme, const UnitCosts& c,
                               std::int64_t version) {
  boost::json::array rates;
  for (const auto& r : c.rates) {
    rates.push_back({{"valid_from", r.valid_from}, {"per_hour", money_text(r.per_hour_minor)}});
  }
  return {{"programme_id", programme}, {"funder", c.funder},
          {"currency", c.currency},    {"rounding", to_string(c.rounding)},
          {"rates", std::move(rates)}, {"version", version}};
}

bool same(const UnitCosts& a, const UnitCosts& b) {
  if (a.currency != b.currency || a.rounding != b.rounding || a.rates.size() != b.rates.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.rates.size(); ++i) {
    if (a.rates[i].valid_from != b.rates[i].valid_from ||
        a.rates[i].per_hour_minor != b.rates[i].per_hour_minor) {
      return false;
    }
  }
  return true;
}

// The funder asked for, or the programme's only one.
const UnitCosts& chosen(const std::vector<repo::StoredUnitCosts>& all, const http::Request& req) {
  const auto funder = req.query.find("funder");
  if (funder == req.query.end()) {
    if (all.size() == 1) return all.front().costs;
    if (all.empty()) throw http::Problem::conflict("no unit costs are set for this programme");
    throw http::Problem::bad_request("invalid query",
                                     {{"funder", "is needed: the programme has several funders"}});
  }
  for (const auto& s : all) {
    if (s.costs.funder == funder->second) return s.costs;
  }
  throw http::Problem::not_found("unit costs of that funder");
}

http::Response cofinancing_csv(runtime::Service& service, const http::Request& req,
                               const auth::Principal& who) {
  const auto& cohort = runtime::uuid_param(req, "id");
  ExportFormat format;
  const auto separator = query_or(req, "separator", "comma");
  if (separator == "semicolon") {
    format.separator = ';';
  } else if (separator != "comma") {
    throw http::Problem::bad_request("invalid query",
                                     {{"separator", "must be comma or semicolon"}});
  }
  auto [body, as_of] = read_report_as_of(service, req, [&](pqxx::work& tx) {
    const auto programme = repo::programme_of_cohort(tx, who.federation, cohort);
    if (!programme) throw http::Problem::not_found("cohort");
    const auto all = repo::read_unit_costs(tx, who.federation, *programme);
    const auto& costs = chosen(all, req);
    std::string out = cofinancing_header(format);
    for (const auto& row :
         cofinancing_rows(repo::confirmed_months(tx, who.federation, cohort), costs)) {
      out += cofinancing_row(row, costs, format);
    }
    return out;
  });
  return http::Response{
      200,
      "text/csv; charset=utf-8",
      std::move(body),
      {{"Content-Disposition", std::string("attachment; filename=\"cofinancing.csv\"")},
       {"X-As-Of", as_of}}};
}

}  // namespace

void add_cofinancing_routes(runtime::Service& service) {
  service.route(
      http::Method::Put, "/v1/programmes/{id}/unit-costs", kCostSetters,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto& programme = runtime::uuid_param(req, "id");
        const auto costs = read_unit_costs_body(req.body);
        return service.write(req, who, [&](writepath::UnitOfWork& uow) {
          auto& tx = uow.tx();
          if (!repo::programme_known(tx, who.federation, programme)) {
            throw http::Problem::not_found("programme");
          }
          tx.exec_params("SELECT pg_advisory_xact_lock(hashtext('unit-costs/' || $1 || '/' || $2))",
                         who.federation, programme);
          std::optional<std::int64_t> before;
          for (const auto& s : repo::read_unit_costs(tx, who.federation, programme)) {
            if (s.costs.funder != costs.funder) continue;
            // The same table again changes nothing and records nothing.
            if (same(s.costs, costs)) {
              return writepath::WriteResult{200, costs_json(programme, costs, s.version), ""};
            }
            before = s.version;
          }
          const auto version = repo::store_unit_costs(tx, who.federation, programme, costs);
          uow.audit({.action = "unit_costs.set",
                     .entity_type = "unit_costs",
                     .entity_id = programme + "/" + costs.funder,
                     .version_before = before,
                     .version_after = version,
                     .reason = writepath::Reason::none()});
          return writepath::WriteResult{200, costs_json(programme, costs, version), ""};
        });
      });

  service.route(
      http::Method::Get, "/v1/programmes/{id}/unit-costs", kIndicatorReaders,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto& programme = runtime::uuid_param(req, "id");
        auto items = read_report(service, [&](auto& tx) {
          std::optional<boost::json::array> out;
          if (!repo::programme_known(tx, who.federation, programme)) return out;
          out.emplace();
          for (const auto& s : repo::read_unit_costs(tx, who.federation, programme)) {
            out->push_back(costs_json(programme, s.costs, s.version));
          }
          return out;
        });
        if (!items) throw http::Problem::not_found("programme");
        return http::json_response(
            200, boost::json::object{{"programme_id", programme}, {"items", std::move(*items)}});
      });

  service.route(http::Method::Get, "/v1/cohorts/{id}/exports/cofinancing.csv", kIndicatorReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  return cofinancing_csv(service, req, who);
                });
}

}  // namespace samverkan::reporting
