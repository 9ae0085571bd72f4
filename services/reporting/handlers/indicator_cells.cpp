// GET /v1/programmes/{id}/indicators/participants?gender=&employment_status=|age_band=|
// education_level=&from=&to=: the participants behind one indicator cell (drill-down, ADR 0078).
// federation_admin gets their ids; funder_auditor gets the count, and their keyed pseudonyms
// when a pseudonym key is configured (participant ids are the federation's personal data, as in
// the exports), else none.
#include "../domain/indicator_cells.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "../domain/drill_down.hpp"
#include "../domain/pseudonym.hpp"
#include "../repo/indicators.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

namespace {

std::optional<std::string> query(const http::Request& req, const char* name) {
  const auto found = req.query.find(name);
  if (found == req.query.end()) return std::nullopt;
  return found->second;
}

boost::json::value optional_value(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

struct CellRequest {
  IndicatorCell cell;
  IndicatorQuery period;
};

CellRequest read_cell(const http::Request& req) {
  std::vector<json::FieldError> errors;
  const IndicatorQuery period{query(req, "from"), query(req, "to")};
  for (const auto& [name, value] : {std::pair{"from", period.from}, {"to", period.to}}) {
    if (value && !valid_date(*value)) errors.push_back({name, "must be a date YYYY-MM-DD"});
  }
  const auto parsed = parse_cell({query(req, "gender"), query(req, "employment_status"),
                                  query(req, "age_band"), query(req, "education_level")});
  if (!parsed.cell) {
    errors.push_back({parsed.bad_parameter,
                      "must be one of the indicator's values, and at most "
                      "one of employment_status, age_band, education_level"});
  }
  if (!errors.empty()) throw http::Problem::bad_request("invalid query", errors);
  return {*parsed.cell, period};
}

const char* axis_name(IndicatorCell::Axis axis) {
  switch (axis) {
    case IndicatorCell::Axis::Employment:
      return "employment_status";
    case IndicatorCell::Axis::Age:
      return "age_band";
    case IndicatorCell::Axis::Education:
      return "education_level";
    case IndicatorCell::Axis::Total:
      break;
  }
  return "total";
}

}  // namespace

void add_indicator_cell_routes(runtime::Service& service, const Pseudonymiser* pseudonymiser) {
  service.route(
      http::Method::Get, "/v1/programmes/{id}/indicators/participants", kIndicatorReaders,
      [&service, pseudonymiser](http::Request& req, const auth::Principal& who) {
        const auto& id = runtime::uuid_param(req, "id");
        const auto request = read_cell(req);
        // As of the request's as_of too, so a cell of an as-of report opens to the same people.
        const auto people = read_report_as_of(service, req, [&](pqxx::work& tx) {
                              return repo::read_indicator_people(tx, who.federation, id);
                            }).value;
        if (!people) throw http::Problem::not_found("programme");
        const auto members = cell_members(*people, request.period, request.cell);
        const bool full = who.has(Role::FederationAdmin);
        boost::json::value listed = nullptr;
        if (full || pseudonymiser != nullptr) {
          boost::json::array ids;
          for (const auto& m : members) {
            ids.emplace_back(full ? m : pseudonymiser->pseudonym(m));
          }
          listed = std::move(ids);
        }
        return http::json_response(
            200,
            boost::json::object{
                {"programme_id", id},
                {"from", optional_value(request.period.from)},
                {"to", optional_value(request.period.to)},
                {"gender", request.cell.gender},
                {"column",
                 boost::json::object{{"axis", axis_name(request.cell.axis)},
                                     {"value", request.cell.column.empty()
                                                   ? boost::json::value(nullptr)
                                                   : boost::json::value(request.cell.column)}}},
                {"count", static_cast<std::int64_t>(members.size())},
                {"variant", full ? "full" : "pseudonymised"},
                {"participants", std::move(listed)}});
      });
}

}  // namespace samverkan::reporting
