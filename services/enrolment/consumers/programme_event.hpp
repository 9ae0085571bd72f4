#pragma once
// modules' programme and module events, read into the programme replica's rows (the catalogue the
// choice of electives is checked against). Events without a version count as version 1; a
// programme event without an elective rule means no rule: min 0, no max.
#include <boost/json/object.hpp>

#include "../repo/repo.hpp"

namespace samverkan::enrolment {

repo::ProgrammeRow programme_row_from(const boost::json::object& data);
repo::ModuleRow module_row_from(const boost::json::object& data);

}  // namespace samverkan::enrolment
