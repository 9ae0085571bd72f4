// Keeps the local replica of cohorts from se.samverkan.modules.cohort.created.v1, by version: a
// replay or an older copy never overwrites a newer one. Events from before versions existed
// carry none and count as version 1.
#include <samverkan/json/fields.hpp>
#include <stdexcept>

#include "../handlers/routes.hpp"
#include "../repo/repo.hpp"

namespace samverkan::enrolment {

namespace {
Date date_at(const boost::json::object& e, const char* field) {
  // The consumer validated the format; a day that does not exist is still refused here.
  const auto date = parse_date(json::string_at(e, field));
  if (!date) throw std::invalid_argument(std::string("cohort.created: ") + field + " is not a day");
  return *date;
}

repo::CohortRow cohort_from(const boost::json::object& e) {
  const auto* version = e.if_contains("version");
  return {Cohort{CohortId(json::string_at(e, "cohort_id")),
                 FederationId(json::string_at(e, "federation_id")), date_at(e, "starts_on"),
                 date_at(e, "ends_on")},
          ids::ProgrammeId(json::string_at(e, "programme_id")), json::string_at(e, "name"),
          version && version->is_int64() ? version->as_int64() : 1};
}
}  // namespace

void add_cohort_replica(runtime::Service& service) {
  service.on_event(
      "se.samverkan.modules.cohort.created.v1",
      [](pqxx::work& tx, const events::Event& e) { repo::store_cohort(tx, cohort_from(e.data)); });
}

}  // namespace samverkan::enrolment
