#pragma once
// A session's trainers as reporting keeps them (issue 8 §5: funders ask for the teacher per
// session): read from the session events, stored on the session replica as JSON, and written into
// the sessions export's trainers and teacher cells. Trainers are staff: their names appear in the
// full and the pseudonymised export alike (ADR 0072). Free of HTTP and SQL.
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace samverkan::reporting {

struct SessionTrainer {
  std::string subject;              // the token subject
  std::optional<std::string> name;  // the display name, when modules was given one
};

// From session.scheduled / session.changed data: "trainers" when present; else "trainer_subjects"
// without names (events from before names were kept); else none. In subject order.
std::vector<SessionTrainer> session_trainers_from(const boost::json::object& data);

// The replica column's text ([{"subject", "name"}]) and back.
std::string trainers_text(const std::vector<SessionTrainer>& trainers);
std::vector<SessionTrainer> trainers_from_text(std::string_view text);

// The export cells, joined by ", " in subject order: every subject; the names given (a trainer
// without a name is left out of the teacher cell).
std::string trainers_cell(const std::vector<SessionTrainer>& trainers);
std::string teacher_cell(const std::vector<SessionTrainer>& trainers);

}  // namespace samverkan::reporting
