#include "replicas.hpp"

#include <algorithm>
#include <cctype>
#include <samverkan/json/fields.hpp>
#include <stdexcept>

#include "../domain/programme_policy.hpp"
#include "../repo/attendance_repo.hpp"
#include "../repo/import_repo.hpp"

namespace samverkan::attendance::replicas {

namespace {
using json::optional_string_at;
using json::string_at;

std::int64_t version_of(const boost::json::object& data) {
  const auto* version = data.if_contains("version");
  if (version == nullptr || version->is_null()) return 1;
  return version->to_number<std::int64_t>();
}

// An optional array of strings (validated by the event's schema); nullopt when absent or null.
std::optional<std::vector<std::string>> optional_strings(const boost::json::object& data,
                                                         std::string_view key) {
  const auto* value = data.if_contains(key);
  if (value == nullptr || value->is_null()) return std::nullopt;
  std::vector<std::string> strings;
  for (const auto& item : value->as_array()) strings.emplace_back(item.as_string());
  return strings;
}

Session session_from(const boost::json::object& data, SessionStatus status) {
  std::optional<ids::ModuleId> module;
  if (auto id = optional_string_at(data, "module_id")) module = ids::ModuleId(std::move(*id));
  // Events from before trainers were assigned carry none: administrators mark those sessions.
  auto trainers = optional_strings(data, "trainer_subjects").value_or(std::vector<std::string>{});
  std::sort(trainers.begin(), trainers.end());
  return Session{ids::SessionId(string_at(data, "session_id")),
                 ids::FederationId(string_at(data, "federation_id")),
                 ids::CohortId(string_at(data, "cohort_id")),
                 std::move(module),
                 status,
                 string_at(data, "starts_at"),
                 string_at(data, "ends_at"),
                 string_at(data, "time_zone"),
                 std::move(trainers),
                 version_of(data)};
}

Enrolment enrolment_from(const boost::json::object& data, EnrolmentStatus status) {
  std::optional<std::chrono::year_month_day> left_on;
  if (const auto text = optional_string_at(data, "left_on")) {
    left_on = repo::parse_date(*text);
    if (!left_on) throw std::invalid_argument("left_on is not a date");
  }
  // Absent or null: no choice recorded, so every module of the programme.
  std::optional<std::vector<ids::ModuleId>> module_ids;
  if (auto chosen = optional_strings(data, "module_ids")) {
    module_ids.emplace();
    for (auto& id : *chosen) module_ids->emplace_back(std::move(id));
  }
  return Enrolment{ids::EnrolmentId(string_at(data, "enrolment_id")),
                   ids::FederationId(string_at(data, "federation_id")),
                   ids::ParticipantId(string_at(data, "participant_id")),
                   ids::OrganisationId(string_at(data, "organisation_id")),
                   ids::CohortId(string_at(data, "cohort_id")),
                   status,
                   optional_string_at(data, "approved_at"),
                   left_on,
                   std::move(module_ids),
                   version_of(data)};
}
}  // namespace

Session session_from_scheduled(const boost::json::object& data) {
  return session_from(data, SessionStatus::Scheduled);
}

Session session_from_changed(const boost::json::object& data) {
  // A status this version does not know (a tolerant reader accepts new enum values) takes no
  // attendance: refusing a mark is recoverable, recording one at a session that is not held is not.
  const auto status = parse_session_status(string_at(data, "status"));
  return session_from(data, status.value_or(SessionStatus::Cancelled));
}

Enrolment enrolment_from_approved(const boost::json::object& data) {
  return enrolment_from(data, EnrolmentStatus::Approved);
}

Enrolment enrolment_from_changed(const boost::json::object& data) {
  // An unknown status gives no place, for the same reason as above.
  const auto status = parse_enrolment_status(string_at(data, "status"));
  return enrolment_from(data, status.value_or(EnrolmentStatus::Rejected));
}

bool on_session_scheduled(pqxx::work& tx, const events::Event& event) {
  return repo::upsert_session(tx, session_from_scheduled(event.data));
}
bool on_session_changed(pqxx::work& tx, const events::Event& event) {
  return repo::upsert_session(tx, session_from_changed(event.data));
}
bool on_cohort_created(pqxx::work& tx, const events::Event& event) {
  return repo::upsert_cohort_programme(tx, cohort_programme_from(event.data));
}
bool on_programme(pqxx::work& tx, const events::Event& event) {
  return repo::upsert_programme_policy(tx, programme_policy_from(event.data));
}
bool on_enrolment_approved(pqxx::work& tx, const events::Event& event) {
  return repo::upsert_enrolment(tx, enrolment_from_approved(event.data));
}
bool on_enrolment_changed(pqxx::work& tx, const events::Event& event) {
  return repo::upsert_enrolment(tx, enrolment_from_changed(event.data));
}

bool on_participant_registered(pqxx::work& tx, const events::Event& event) {
  auto email = string_at(event.data, "email");
  for (auto& c : email) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return repo::upsert_participant(
      tx, {ids::ParticipantId(string_at(event.data, "participant_id")),
           ids::FederationId(string_at(event.data, "federation_id")),
           ids::OrganisationId(string_at(event.data, "organisation_id")), std::move(email),
           version_of(event.data)});
}

bool on_participant_changed(pqxx::work& tx, const events::Event& event) {
  return on_participant_registered(tx,
                                   event);  // the same fields, with the version that orders them
}

}  // namespace samverkan::attendance::replicas

namespace samverkan::attendance::replicas {

repo::ParticipantLink participant_link_from(const boost::json::object& data) {
  return repo::ParticipantLink{ids::ParticipantId(json::string_at(data, "participant_id")),
                               ids::FederationId(json::string_at(data, "federation_id")),
                               json::optional_string_at(data, "subject"), version_of(data)};
}

bool on_participant(pqxx::work& tx, const events::Event& event) {
  return repo::upsert_participant_link(tx, participant_link_from(event.data));
}

}  // namespace samverkan::attendance::replicas
