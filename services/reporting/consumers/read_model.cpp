// Builds the read model and its totals from every topic. Each handler runs inside the inbox
// transaction, which may hold a batch of events.
#include "read_model.hpp"

#include "../handlers/routes.hpp"
#include "../repo/participant_links.hpp"
#include "../repo/participant_names.hpp"
#include "../repo/projection_changes.hpp"
#include "../repo/read_model.hpp"
#include "../repo/time_records.hpp"

namespace samverkan::reporting {

namespace {
std::string field(const events::Event& e, const char* key) {
  return std::string(e.data.at(key).as_string());
}

// The events that change none of the rows the indicators read, so they leave the indicator
// cache valid (every other event bumps its federation's projection change counter).
bool indicator_neutral(const std::string& type) {
  return type == "se.samverkan.attendance.self_study.changed.v1" ||
         type == "se.samverkan.attendance.statement.changed.v1" ||
         type == "se.samverkan.enrolment.participant.changed.v1" ||
         type == "se.samverkan.modules.module.created.v1";
}

// In the handler's transaction, so the count and the rows commit together.
events::EventHandler counting_changes(events::EventHandler handler) {
  return [handler = std::move(handler)](pqxx::work& tx, const events::Event& e) {
    handler(tx, e);
    repo::bump_projection_changes(tx, field(e, "federation_id"));
  };
}

// After a row is applied, the completions it is an input of are evaluated again.
std::vector<std::pair<std::string, events::EventHandler>> projecting_handlers(
    const repo::CompletionSink& sink) {
  using events::Event;
  using repo::EnrolmentEvent;
  const auto participant = [sink](pqxx::work& tx, const Event& e) {
    repo::refresh_participant_completions(tx, field(e, "federation_id"), field(e, "participant_id"),
                                          sink);
  };
  const auto cohort = [sink](pqxx::work& tx, const Event& e) {
    repo::refresh_cohort_completions(tx, field(e, "federation_id"), field(e, "cohort_id"), sink);
  };
  const auto programme = [sink](pqxx::work& tx, const Event& e) {
    repo::refresh_programme_completions(tx, field(e, "federation_id"), field(e, "programme_id"),
                                        sink);
  };
  return {
      {"se.samverkan.enrolment.organisation.registered.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_organisation(tx, e.data); }},
      {"se.samverkan.enrolment.participant.registered.v1",
       [](pqxx::work& tx, const Event& e) {
         repo::apply_participant(tx, e.data);
         repo::apply_participant_link(tx, e.data);
         repo::apply_participant_name(tx, e.data);
       }},
      // Approved self-study counts towards completion when the programme's rule says so.
      {"se.samverkan.attendance.self_study.changed.v1",
       [participant](pqxx::work& tx, const Event& e) {
         repo::apply_self_study(tx, e.data);
         participant(tx, e);
       }},
      {"se.samverkan.attendance.statement.changed.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_statement(tx, e.data); }},
      // The login link and the name: the rest of a participant's state reporting keeps does not
      // change.
      {"se.samverkan.enrolment.participant.changed.v1",
       [](pqxx::work& tx, const Event& e) {
         repo::apply_participant_link(tx, e.data);
         repo::apply_participant_name(tx, e.data);
       }},
      {"se.samverkan.enrolment.entry_facts.recorded.v1",
       [](pqxx::work& tx, const Event& e) { repo::apply_entry_facts(tx, e.data); }},
      {"se.samverkan.enrolment.enrolment.requested.v1",
       [participant](pqxx::work& tx, const Event& e) {
         repo::apply_enrolment(tx, e.data, EnrolmentEvent::Requested);
         participant(tx, e);
       }},
      {"se.samverkan.enrolment.enrolment.approved.v1",
       [participant](pqxx::work& tx, const Event& e) {
         repo::apply_enrolment(tx, e.data, EnrolmentEvent::Approved);
         participant(tx, e);
       }},
      {"se.samverkan.enrolment.enrolment.changed.v1",
       [participant](pqxx::work& tx, const Event& e) {
         repo::apply_enrolment(tx, e.data, EnrolmentEvent::Changed);
         participant(tx, e);
       }},
      {"se.samverkan.modules.programme.created.v1",
       [programme](pqxx::work& tx, const Event& e) {
         repo::apply_programme(tx, e.data);
         programme(tx, e);
       }},
      {"se.samverkan.modules.programme.changed.v1",
       [programme](pqxx::work& tx, const Event& e) {
         repo::apply_programme(tx, e.data);
         programme(tx, e);
       }},
      {"se.samverkan.modules.cohort.created.v1",
       [cohort](pqxx::work& tx, const Event& e) {
         repo::apply_cohort(tx, e.data);
         cohort(tx, e);
       }},
      {"se.samverkan.modules.module.created.v1",
       [programme](pqxx::work& tx, const Event& e) {
         repo::apply_module(tx, e.data);
         programme(tx, e);
       }},
      {"se.samverkan.modules.session.scheduled.v1",
       [cohort](pqxx::work& tx, const Event& e) {
         repo::apply_session(tx, e.data);
         cohort(tx, e);
       }},
      {"se.samverkan.modules.session.changed.v1",
       [cohort](pqxx::work& tx, const Event& e) {
         repo::apply_session(tx, e.data);
         cohort(tx, e);
       }},
      {"se.samverkan.attendance.attendance.recorded.v1",
       [participant](pqxx::work& tx, const Event& e) {
         repo::apply_attendance(tx, e.data, e.id);
         participant(tx, e);
       }},
  };
}

}  // namespace

std::vector<std::pair<std::string, events::EventHandler>> read_model_handlers(
    repo::CompletionSink sink) {
  auto handlers = projecting_handlers(sink);
  for (auto& [type, handler] : handlers) {
    if (!indicator_neutral(type)) handler = counting_changes(std::move(handler));
  }
  return handlers;
}

void add_read_model(runtime::Service& service) {
  const events::Outbox& outbox = service.outbox();
  const repo::CompletionSink sink = [&outbox](pqxx::work& tx, const CompletionChanged& change) {
    outbox.append(tx, change);
  };
  for (const auto& [type, handler] : read_model_handlers(sink)) service.on_event(type, handler);
}

}  // namespace samverkan::reporting
