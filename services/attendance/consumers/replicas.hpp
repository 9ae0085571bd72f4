#pragma once
// The session and enrolment replicas, so a mark can be checked without calling other services.
// Each event becomes the replica's struct (the version a missing "version" means is 1: events
// written before versions existed) and is stored only when newer than what the replica holds.
#include <pqxx/pqxx>
#include <samverkan/events/event.hpp>

#include "../domain/attendance.hpp"
#include "../repo/apologies_repo.hpp"

namespace samverkan::attendance::replicas {

inline constexpr const char* kSessionScheduled = "se.samverkan.modules.session.scheduled.v1";
inline constexpr const char* kSessionChanged = "se.samverkan.modules.session.changed.v1";
inline constexpr const char* kCohortCreated = "se.samverkan.modules.cohort.created.v1";
inline constexpr const char* kProgrammeCreated = "se.samverkan.modules.programme.created.v1";
inline constexpr const char* kProgrammeChanged = "se.samverkan.modules.programme.changed.v1";
inline constexpr const char* kEnrolmentApproved = "se.samverkan.enrolment.enrolment.approved.v1";
inline constexpr const char* kEnrolmentChanged = "se.samverkan.enrolment.enrolment.changed.v1";
inline constexpr const char* kParticipantRegistered =
    "se.samverkan.enrolment.participant.registered.v1";
inline constexpr const char* kParticipantChanged = "se.samverkan.enrolment.participant.changed.v1";

// The data of each event type as the replica's struct. The data was validated against its schema.
Session session_from_scheduled(const boost::json::object& data);
Session session_from_changed(const boost::json::object& data);
Enrolment enrolment_from_approved(const boost::json::object& data);
Enrolment enrolment_from_changed(const boost::json::object& data);

// Only the link of a participant token's subject to its participant: no personal data is kept.
repo::ParticipantLink participant_link_from(const boost::json::object& data);

// The inbox handlers (one transaction with the inbox row); true when the replica row changed.
bool on_session_scheduled(pqxx::work& tx, const events::Event& event);
bool on_session_changed(pqxx::work& tx, const events::Event& event);
// A session's programme (through its cohort) and the programme's attendance policy (ADR 0072).
bool on_cohort_created(pqxx::work& tx, const events::Event& event);
bool on_programme(pqxx::work& tx, const events::Event& event);  // created or changed
bool on_enrolment_approved(pqxx::work& tx, const events::Event& event);
bool on_enrolment_changed(pqxx::work& tx, const events::Event& event);
bool on_participant(pqxx::work& tx, const events::Event& event);  // registered or changed
// Keep only the id, organisation and lower-cased e-mail (to match meeting reports), merged by
// version: a changed address replaces the registered one.
bool on_participant_registered(pqxx::work& tx, const events::Event& event);
bool on_participant_changed(pqxx::work& tx, const events::Event& event);

}  // namespace samverkan::attendance::replicas
