#pragma once
// modules' session events and attendance's attendance.recorded, read into the rows that tell
// when a participant started.
#include <boost/json/object.hpp>

#include "../repo/repo.hpp"

namespace samverkan::enrolment {

repo::SessionRow session_row_from(const boost::json::object& data);
repo::MarkRow mark_row_from(const boost::json::object& data);

}  // namespace samverkan::enrolment
