#include "statement_changed.hpp"

namespace samverkan::attendance {

boost::json::object StatementChanged::data() const {
  const auto& s = statement;
  boost::json::value organisation_id = nullptr;
  if (organisation) organisation_id = organisation->str();
  return {{"federation_id", s.federation.str()},
          {"participant_id", s.participant.str()},
          {"organisation_id", organisation_id},
          {"month", s.month},
          {"version", s.version},
          {"state", to_string(s.state)},
          {"sha256", s.sha256},
          {"session_minutes", s.session_minutes},
          {"self_study_minutes", s.self_study_minutes},
          {"changed_at", changed_at}};
}

}  // namespace samverkan::attendance
