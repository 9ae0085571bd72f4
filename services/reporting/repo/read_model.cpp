#include "read_model.hpp"

#include <array>
#include <functional>
#include <samverkan/db/versioned_upsert.hpp>
#include <samverkan/json/fields.hpp>

#include "../domain/lifecycle.hpp"
#include "../domain/session_trainers.hpp"
#include "totals.hpp"

namespace samverkan::reporting::repo {

namespace {
using json::integer_at;
using json::optional_string_at;
using json::string_at;

std::optional<std::int64_t> optional_integer_at(const boost::json::object& o, const char* key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  return v->to_number<std::int64_t>();
}

std::optional<std::string> text(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<std::string>();
}

// Moves the contributions of records from one placement of theirs to another.
Adjustments moved(
    const std::vector<RecordInContext>& records,
    const std::function<PlacedRecord(const RecordInContext&, bool before)>& place_as) {
  Adjustments change;
  for (const auto& r : records) {
    add_contribution(change, place_as(r, false), +1);
    add_contribution(change, place_as(r, true), -1);
  }
  drop_zeros(change);
  return change;
}
}  // namespace

void apply_organisation(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO organisations (id, federation_id, name, type) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, type = EXCLUDED.type",
      string_at(e, "organisation_id"), string_at(e, "federation_id"), string_at(e, "name"),
      string_at(e, "type"));
}

void apply_participant(pqxx::work& tx, const boost::json::object& e) {
  const auto id = string_at(e, "participant_id");
  const auto fed = string_at(e, "federation_id");
  const auto organisation = string_at(e, "organisation_id");
  const auto stored = tx.exec_params(
      "SELECT organisation_id FROM participants WHERE id = $1 AND federation_id = $2 FOR UPDATE",
      id, fed);
  // Names and e-mail addresses are not kept here: reports need neither.
  const bool applied =
      db::upsert_if_newer(tx, {"participants",
                               "id",
                               {{"id", id},
                                {"federation_id", fed},
                                {"organisation_id", organisation},
                                {"gender", string_at(e, "gender")},
                                {"birth_year", std::to_string(integer_at(e, "birth_year"))}},
                               version_or_first(optional_integer_at(e, "version"))});
  const std::optional<std::string> before = stored.empty() ? std::nullopt : text(stored[0][0]);
  if (!applied || before == organisation) return;
  // The participant's records move to the new organisation (or get one, if they arrived first).
  lock_placement_moves(tx);
  lock_participant(tx, id);
  add_adjustments(tx, fed,
                  moved(records_of_participant(tx, fed, id), [&](const auto& r, bool is_before) {
                    return placed(r.record, is_before ? before : organisation,
                                  session_counts(r.session_status));
                  }));
}

void apply_cohort(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO cohorts (id, federation_id, programme_id, name) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name",
      string_at(e, "cohort_id"), string_at(e, "federation_id"), string_at(e, "programme_id"),
      string_at(e, "name"));
}

void apply_programme(pqxx::work& tx, const boost::json::object& e) {
  const auto* rule = e.if_contains("completion_rule");
  const auto rule_field = [&](const char* key) -> std::optional<std::string> {
    if (rule == nullptr || !rule->is_object()) return std::nullopt;
    const auto& v = rule->as_object().at(key);
    if (v.is_bool()) return v.as_bool() ? "true" : "false";
    if (v.is_string()) return std::string(v.as_string());
    return std::to_string(v.to_number<std::int64_t>());
  };
  const auto max_electives = optional_integer_at(e, "max_electives");
  const auto* start = e.if_contains("start_on_approval");
  // Events written before rules existed carry none: no electives asked, no completion rule.
  db::upsert_if_newer(
      tx, {"programmes",
           "id",
           {{"id", string_at(e, "programme_id")},
            {"federation_id", string_at(e, "federation_id")},
            {"title", string_at(e, "title")},
            {"min_electives", std::to_string(optional_integer_at(e, "min_electives").value_or(0))},
            {"max_electives",
             max_electives ? std::optional(std::to_string(*max_electives)) : std::nullopt},
            {"start_on_approval",
             start != nullptr && start->is_bool() && start->as_bool() ? "true" : "false"},
            {"rule_threshold_percent", rule_field("threshold_percent")},
            {"rule_basis", rule_field("basis")},
            {"rule_excused_counts", rule_field("excused_counts")},
            {"rule_self_study_counts", rule_field("self_study_counts")},
            {"rule_conferences_mandatory", rule_field("conferences_mandatory")}},
           version_or_first(optional_integer_at(e, "version"))});
}

void apply_entry_facts(pqxx::work& tx, const boost::json::object& e) {
  const auto& facts = e.at("facts").as_object();
  db::VersionedRow row{"entry_facts",
                       "participant_id",
                       {{"participant_id", string_at(e, "participant_id")},
                        {"federation_id", string_at(e, "federation_id")},
                        {"organisation_id", string_at(e, "organisation_id")},
                        {"frozen_on", optional_string_at(e, "frozen_on")}},
                       integer_at(e, "version")};
  // Column names are the facts' names: <fact>_state, <fact>, <fact>_source.
  static constexpr std::array<std::string_view, 4> kFacts{
      "gender_state", "birth_year_state", "employment_status_state", "education_level_state"};
  static constexpr std::array<std::string_view, 4> kValues{"gender", "birth_year",
                                                           "employment_status", "education_level"};
  static constexpr std::array<std::string_view, 4> kSources{
      "gender_source", "birth_year_source", "employment_status_source", "education_level_source"};
  for (std::size_t i = 0; i < kValues.size(); ++i) {
    const auto& fact = facts.at(kValues[i]).as_object();
    const auto& value = fact.at("value");
    std::optional<std::string> text;
    if (value.is_string()) text = std::string(value.as_string());
    if (value.is_int64()) text = std::to_string(value.as_int64());
    row.columns.emplace_back(kFacts[i], std::string(fact.at("state").as_string()));
    row.columns.emplace_back(kValues[i], text);
    row.columns.emplace_back(kSources[i], optional_string_at(fact, "source"));
  }
  db::upsert_if_newer(tx, row);
}

void apply_module(pqxx::work& tx, const boost::json::object& e) {
  tx.exec_params(
      "INSERT INTO modules (id, federation_id, programme_id, code, title, mandatory, "
      "planned_hours) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO UPDATE SET code = EXCLUDED.code, "
      "title = EXCLUDED.title, mandatory = EXCLUDED.mandatory, planned_hours = "
      "EXCLUDED.planned_hours",
      string_at(e, "module_id"), string_at(e, "federation_id"), string_at(e, "programme_id"),
      string_at(e, "code"), string_at(e, "title"), e.at("mandatory").as_bool(),
      integer_at(e, "planned_hours"));
}

void apply_session(pqxx::work& tx, const boost::json::object& e) {
  const auto id = string_at(e, "session_id");
  const auto fed = string_at(e, "federation_id");
  const auto cohort = string_at(e, "cohort_id");
  const auto status = optional_string_at(e, "status").value_or("scheduled");
  const auto stored = tx.exec_params(
      "SELECT cohort_id, status FROM sessions WHERE id = $1 AND federation_id = $2 FOR UPDATE", id,
      fed);
  const bool applied =
      db::upsert_if_newer(tx, {"sessions",
                               "id",
                               {{"id", id},
                                {"federation_id", fed},
                                {"cohort_id", cohort},
                                {"module_id", optional_string_at(e, "module_id")},
                                {"kind", string_at(e, "kind")},
                                {"starts_at", string_at(e, "starts_at")},
                                {"ends_at", string_at(e, "ends_at")},
                                {"status", status},
                                {"time_zone", optional_string_at(e, "time_zone")},
                                {"trainers", trainers_text(session_trainers_from(e))}},
                               version_or_first(optional_integer_at(e, "version"))});
  if (!applied) return;
  std::optional<std::string> before_status;
  if (!stored.empty()) {
    before_status = stored[0][1].as<std::string>();
    add_session_counts(tx, fed, stored[0][0].as<std::string>(),
                       SessionCounts{} - session_counts_of(*before_status));
  }
  add_session_counts(tx, fed, cohort, session_counts_of(status));
  const bool counted_before = session_counts(before_status);
  const bool counts_now = session_counts(status);
  if (counted_before == counts_now) return;
  // Cancelled or scheduled again: the session's records leave or rejoin the totals.
  lock_placement_moves(tx);
  lock_session(tx, id);
  add_adjustments(
      tx, fed, moved(records_of_session(tx, fed, id), [&](const auto& r, bool is_before) {
        return placed(r.record, r.organisation_id, is_before ? counted_before : counts_now);
      }));
}

void apply_enrolment(pqxx::work& tx, const boost::json::object& e, EnrolmentEvent kind) {
  const auto id = string_at(e, "enrolment_id");
  const auto fed = string_at(e, "federation_id");
  const auto cohort = string_at(e, "cohort_id");
  const auto organisation = string_at(e, "organisation_id");
  const auto version = optional_integer_at(e, "version");
  const EnrolmentState incoming{kind == EnrolmentEvent::Requested  ? "pending"
                                : kind == EnrolmentEvent::Approved ? "approved"
                                                                   : string_at(e, "status"),
                                version_or_first(version)};
  const auto stored = tx.exec_params(
      "SELECT cohort_id, organisation_id, status, version FROM enrolments "
      "WHERE id = $1 AND federation_id = $2 FOR UPDATE",
      id, fed);
  std::optional<EnrolmentState> before;
  if (!stored.empty()) {
    before = EnrolmentState{stored[0][2].as<std::string>(), stored[0][3].as<std::int64_t>()};
  }
  const bool unversioned_approval = kind == EnrolmentEvent::Approved && !version;
  if (!enrolment_replaces(before, incoming, unversioned_approval)) return;
  const db::VersionedRow row{"enrolments",
                             "id",
                             {{"id", id},
                              {"federation_id", fed},
                              {"participant_id", string_at(e, "participant_id")},
                              {"organisation_id", organisation},
                              {"cohort_id", cohort},
                              {"status", incoming.status},
                              {"left_on", optional_string_at(e, "left_on")},
                              {"started_on", optional_string_at(e, "started_on")}},
                             incoming.version};
  if (before && before->version == incoming.version) {
    // The one same-version replacement (an unversioned approval of a pending enrolment), which
    // upsert_if_newer rightly refuses.
    tx.exec_params("UPDATE enrolments SET status = $3 WHERE id = $1 AND federation_id = $2", id,
                   fed, incoming.status);
  } else {
    db::upsert_if_newer(tx, row);
  }
  if (before) {
    add_enrolment_counts(tx, fed, stored[0][0].as<std::string>(), stored[0][1].as<std::string>(),
                         EnrolmentCounts{} - enrolment_counts(before->status));
  }
  add_enrolment_counts(tx, fed, cohort, organisation, enrolment_counts(incoming.status));
}

void apply_attendance(pqxx::work& tx, const boost::json::object& e, const std::string& event_id) {
  const auto record_id = string_at(e, "record_id");
  const auto fed = string_at(e, "federation_id");
  const RecordRow incoming{string_at(e, "session_id"),     string_at(e, "cohort_id"),
                           string_at(e, "participant_id"), optional_string_at(e, "module_id"),
                           string_at(e, "status"),         integer_at(e, "minutes")};
  const auto revision = integer_at(e, "revision");
  lock_for_record(tx, incoming.participant_id, incoming.session_id);
  const auto stored = tx.exec_params(
      "SELECT session_id, cohort_id, participant_id, module_id, status, minutes FROM attendance "
      "WHERE record_id = $1 AND federation_id = $2 FOR UPDATE",
      record_id, fed);
  // A lower revision arriving late never overwrites a correction; the same one changes nothing.
  const bool applied =
      db::upsert_if_newer(tx, {"attendance",
                               "record_id",
                               {{"record_id", record_id},
                                {"federation_id", fed},
                                {"session_id", incoming.session_id},
                                {"participant_id", incoming.participant_id},
                                {"cohort_id", incoming.cohort_id},
                                {"module_id", incoming.module_id},
                                {"status", incoming.status},
                                {"minutes", std::to_string(incoming.minutes)},
                                {"revision", std::to_string(revision)},
                                {"source_event_id", event_id}},
                               record_version(optional_integer_at(e, "version"), revision)});
  if (!applied) return;
  const auto context = record_context(tx, fed, incoming.participant_id, incoming.session_id);
  std::optional<PlacedRecord> before;
  if (!stored.empty()) {
    const auto& s = stored[0];
    const RecordRow old{s[0].as<std::string>(), s[1].as<std::string>(),
                        s[2].as<std::string>(), text(s[3]),
                        s[4].as<std::string>(), s[5].as<std::int64_t>()};
    // A record stays with its session and participant; were that ever to change, the old
    // placement is read under its own locks.
    const bool moved_record =
        old.participant_id != incoming.participant_id || old.session_id != incoming.session_id;
    if (moved_record) lock_for_record(tx, old.participant_id, old.session_id);
    const auto old_context =
        moved_record ? record_context(tx, fed, old.participant_id, old.session_id) : context;
    before = placed(old, old_context.organisation_id, old_context.session_counts);
  }
  const auto after = placed(incoming, context.organisation_id, context.session_counts);
  add_adjustments(tx, fed, record_change(before, after));
}

}  // namespace samverkan::reporting::repo
