#include "cohort_event.hpp"

#include <samverkan/json/fields.hpp>
#include <stdexcept>
#include <string>

namespace samverkan::enrolment {

namespace {
Date date_at(const boost::json::object& e, const char* field) {
  const auto date = parse_date(json::string_at(e, field));
  if (!date) throw std::invalid_argument(std::string("cohort.created: ") + field + " is not a day");
  return *date;
}
}  // namespace

repo::CohortRow cohort_row_from(const boost::json::object& data) {
  const auto* version = data.if_contains("version");
  return {Cohort{CohortId(json::string_at(data, "cohort_id")),
                 FederationId(json::string_at(data, "federation_id")), date_at(data, "starts_on"),
                 date_at(data, "ends_on")},
          ids::ProgrammeId(json::string_at(data, "programme_id")), json::string_at(data, "name"),
          version && version->is_int64() ? version->as_int64() : 1};
}

}  // namespace samverkan::enrolment
