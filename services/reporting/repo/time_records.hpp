#pragma once
// Attendance's self-study entries and monthly statement states, kept by version, for the hours
// export (approved self-study apart from sessions; each month's statement state).
#include <boost/json/object.hpp>
#include <pqxx/pqxx>

namespace samverkan::reporting::repo {

void apply_self_study(pqxx::work& tx, const boost::json::object& data);
void apply_statement(pqxx::work& tx, const boost::json::object& data);

}  // namespace samverkan::reporting::repo
