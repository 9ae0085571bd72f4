#include "programme_event.hpp"

#include <samverkan/json/fields.hpp>

namespace samverkan::enrolment {

namespace {
std::optional<std::int64_t> int_at(const boost::json::object& data, const char* field) {
  const auto* value = data.if_contains(field);
  if (value == nullptr || !value->is_int64()) return std::nullopt;
  return value->as_int64();
}
bool flag_at(const boost::json::object& data, const char* field) {
  const auto* value = data.if_contains(field);
  return value != nullptr && value->is_bool() && value->as_bool();
}
}  // namespace

repo::ProgrammeRow programme_row_from(const boost::json::object& data) {
  return {ids::ProgrammeId(json::string_at(data, "programme_id")),
          FederationId(json::string_at(data, "federation_id")),
          int_at(data, "min_electives").value_or(0),
          int_at(data, "max_electives"),
          flag_at(data, "start_on_approval"),
          flag_at(data, "sensitive_categories"),
          int_at(data, "version").value_or(1)};
}

repo::ModuleRow module_row_from(const boost::json::object& data) {
  const auto* mandatory = data.if_contains("mandatory");
  return {ModuleId(json::string_at(data, "module_id")),
          FederationId(json::string_at(data, "federation_id")),
          ids::ProgrammeId(json::string_at(data, "programme_id")),
          json::string_at(data, "code"),
          mandatory != nullptr && mandatory->is_bool() && mandatory->as_bool(),
          int_at(data, "version").value_or(1)};
}

}  // namespace samverkan::enrolment
