// GET /v1/cohorts/{id}/records and GET /v1/cohorts/{id}/completions: the records and the
// participants behind the summary's figures (issue 9 §4, ADR 0078). Each record links to its
// revisions and audit entries on attendance; `totals` add up every record the filter matches,
// over all pages, so the auditor sees the listed rows make the figure.
#include "../repo/records.hpp"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/runtime/paging.hpp>

#include "routes.hpp"

namespace samverkan::reporting {

namespace {

boost::json::value optional_value(const std::optional<std::string>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object link_json(const Link& link) {
  return {{"service", link.service}, {"href", link.href}};
}

std::optional<std::string> text_query(const http::Request& req, const char* name) {
  const auto found = req.query.find(name);
  if (found == req.query.end()) return std::nullopt;
  return found->second;
}

// The caller's organisation: a coordinator's own (asking for another's is refused); the
// federation's roles see every organisation unless they ask for one.
std::optional<std::string> organisation_of(const http::Request& req, const auth::Principal& who) {
  auto asked = runtime::uuid_query(req, "organisation_id");
  const auto scope = who.organisation_scope(kFederationWide);
  if (!scope) return asked;
  if (asked && *asked != *scope) {
    throw http::Problem::forbidden("a coordinator sees only their own organisation's records");
  }
  return scope;
}

RecordFilter read_filter(const http::Request& req, const auth::Principal& who) {
  RecordFilter f;
  f.organisation_id = organisation_of(req, who);
  f.module_id = runtime::uuid_query(req, "module_id");
  f.session_id = runtime::uuid_query(req, "session_id");
  f.participant_id = runtime::uuid_query(req, "participant_id");
  std::vector<json::FieldError> errors;
  f.month = text_query(req, "month");
  if (f.month && !valid_month(*f.month)) errors.push_back({"month", "must be YYYY-MM"});
  f.status = text_query(req, "status");
  if (f.status && !valid_status(*f.status)) {
    errors.push_back({"status", "must be present, late, excused or absent"});
  }
  const auto cancelled = text_query(req, "include_cancelled");
  if (cancelled && *cancelled != "true" && *cancelled != "false") {
    errors.push_back({"include_cancelled", "must be true or false"});
  }
  f.include_cancelled = cancelled == "true";
  if (!errors.empty()) throw http::Problem::bad_request("invalid query", errors);
  return f;
}

boost::json::object record_json(const repo::RecordListing& r) {
  boost::json::object links{{"history", link_json(history_link(r.session_id, r.participant_id))},
                            {"audit", link_json(audit_link(r.record_id))}};
  if (r.import_id) links["import_audit"] = link_json(import_audit_link(*r.import_id));
  return {{"record_id", r.record_id},
          {"session_id", r.session_id},
          {"participant_id", r.participant_id},
          {"organisation_id", r.organisation_id},
          {"module_id", optional_value(r.module_id)},
          {"date", optional_value(r.date)},
          {"session_status", optional_value(r.session_status)},
          {"status", r.status},
          {"minutes", r.minutes},
          {"revision", r.revision},
          {"source", optional_value(r.source)},
          {"import_id", optional_value(r.import_id)},
          {"file_sha256", optional_value(r.file_sha256)},
          {"reason_given",
           r.reason_given ? boost::json::value(*r.reason_given) : boost::json::value(nullptr)},
          {"recorded_at", optional_value(r.recorded_at)},
          {"links", std::move(links)}};
}

// Written by hand around the serialised items so hours keep their two decimals, as in the
// summary ("5.00").
std::string totals_json(const Tally& t) {
  return "{\"records\":" + std::to_string(t.records()) +
         ",\"present\":" + std::to_string(t.present) + ",\"late\":" + std::to_string(t.late) +
         ",\"excused\":" + std::to_string(t.excused) + ",\"absent\":" + std::to_string(t.absent) +
         ",\"other\":" + std::to_string(t.other) +
         ",\"sessions_attended\":" + std::to_string(t.attended()) +
         ",\"minutes\":" + std::to_string(t.minutes) + ",\"hours\":" + hours_text(t.minutes) + "}";
}

bool complete_query(const http::Request& req) {
  const auto v = text_query(req, "complete");
  if (!v || *v == "true") return true;
  if (*v == "false") return false;
  throw http::Problem::bad_request("invalid query", {{"complete", "must be true or false"}});
}

}  // namespace

void add_record_routes(runtime::Service& service) {
  service.route(http::Method::Get, "/v1/cohorts/{id}/records", kRecordReaders,
                [&service](http::Request& req, const auth::Principal& who) {
                  const auto& id = runtime::uuid_param(req, "id");
                  const auto filter = read_filter(req, who);
                  const auto page = runtime::read_page(req);
                  const auto [records, as_of] =
                      read_report_as_of(service, req, [&](pqxx::transaction_base& tx) {
                        return repo::read_records(tx, who.federation, id, filter, page.after,
                                                  page.limit);
                      });
                  if (!records) throw http::Problem::not_found("cohort");
                  boost::json::array items;
                  for (const auto& r : records->items) items.push_back(record_json(r));
                  boost::json::value next = nullptr;
                  if (static_cast<long>(records->items.size()) == page.limit) {
                    next = records->items.back().record_id;
                  }
                  const std::string body =
                      "{\"cohort_id\":" + boost::json::serialize(boost::json::value(id)) +
                      ",\"items\":" + boost::json::serialize(items) +
                      ",\"next\":" + boost::json::serialize(next) +
                      ",\"totals\":" + totals_json(records->totals) + "}";
                  return http::Response{200, "application/json", with_as_of(body, as_of), {}};
                });

  service.route(
      http::Method::Get, "/v1/cohorts/{id}/completions", kRecordReaders,
      [&service](http::Request& req, const auth::Principal& who) {
        const auto& id = runtime::uuid_param(req, "id");
        const auto organisation = organisation_of(req, who);
        const bool complete = complete_query(req);
        const auto page = runtime::read_page(req);
        const auto [listed, as_of] =
            read_report_as_of(service, req, [&](pqxx::transaction_base& tx) {
              return repo::read_completion_list(tx, who.federation, id, organisation, complete,
                                                page.after, page.limit);
            });
        if (!listed) throw http::Problem::not_found("cohort");
        boost::json::array items;
        for (const auto& c : *listed) {
          RecordFilter theirs;
          theirs.participant_id = c.participant_id;
          items.push_back(
              {{"id", c.participant_id},
               {"participant_id", c.participant_id},
               {"organisation_id", c.organisation_id},
               {"complete", c.complete},
               {"completed_on", optional_value(c.completed_on)},
               {"links",
                {{"progress",
                  link_json({"reporting", "/v1/participants/" + c.participant_id + "/progress"})},
                 {"records", link_json(records_link(id, theirs))}}}});
        }
        auto response = runtime::page_response(std::move(items), page);
        response.body = with_as_of(response.body, as_of);
        return response;
      });
}

}  // namespace samverkan::reporting
