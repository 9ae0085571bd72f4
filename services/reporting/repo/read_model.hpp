#pragma once
// The reporting read model, written from events. Rows that other events change (records,
// enrolments, sessions, participants) merge by version through db::upsert_if_newer, and when a
// row changes its contribution to the totals moves by (after - before) in the same transaction.
// Every function is safe to call many times per transaction (the inbox consumer may batch) and
// reads the state it depends on inside that transaction.
#include <boost/json/object.hpp>
#include <pqxx/pqxx>
#include <string>

namespace samverkan::reporting::repo {

void apply_organisation(pqxx::work& tx, const boost::json::object& data);
void apply_participant(pqxx::work& tx, const boost::json::object& data);
// programme.created and programme.changed: the programme's rules, merged by version.
void apply_programme(pqxx::work& tx, const boost::json::object& data);
// enrolment.entry_facts.recorded: a participant's entry facts, merged by version.
void apply_entry_facts(pqxx::work& tx, const boost::json::object& data);
void apply_cohort(pqxx::work& tx, const boost::json::object& data);
void apply_module(pqxx::work& tx, const boost::json::object& data);
// session.scheduled (status: "scheduled") and session.changed (status from the data).
void apply_session(pqxx::work& tx, const boost::json::object& data);

enum class EnrolmentEvent { Requested, Approved, Changed };
void apply_enrolment(pqxx::work& tx, const boost::json::object& data, EnrolmentEvent kind);
void apply_attendance(pqxx::work& tx, const boost::json::object& data, const std::string& event_id);

}  // namespace samverkan::reporting::repo
