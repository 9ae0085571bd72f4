#include "catalogue.hpp"

namespace samverkan::modules {

std::string_view to_string(SessionStatus status) {
  return status == SessionStatus::Cancelled ? "cancelled" : "scheduled";
}

std::optional<SessionStatus> session_status_from_string(std::string_view text) {
  if (text == "scheduled") return SessionStatus::Scheduled;
  if (text == "cancelled") return SessionStatus::Cancelled;
  return std::nullopt;
}

std::string_view to_string(CompletionBasis basis) {
  return basis == CompletionBasis::Hours ? "hours" : "sessions";
}

std::optional<CompletionBasis> completion_basis_from_string(std::string_view text) {
  if (text == "sessions") return CompletionBasis::Sessions;
  if (text == "hours") return CompletionBasis::Hours;
  return std::nullopt;
}

namespace {
// Request input is matched with plain loops, never std::regex: libstdc++'s recurses per character.
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
}  // namespace

bool is_date(const std::string& text) {
  if (text.size() != 10) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 7 ? text[i] != '-' : !is_digit(text[i])) return false;
  }
  return json::parse_rfc3339(text + "T00:00:00Z").has_value();
}

bool is_zone_name(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && is_letter(text[i])) ++i;
  if (i == 0) return false;
  while (i < text.size()) {
    if (text[i] != '/') return false;
    const std::size_t start = ++i;
    while (i < text.size() && (is_letter(text[i]) || is_digit(text[i]) || text[i] == '_' ||
                               text[i] == '+' || text[i] == '-')) {
      ++i;
    }
    if (i == start) return false;
  }
  return true;
}

Decision<Programme, ProgrammeCreated> create_programme(const NewProgramme& command,
                                                       const Actor& actor, const Context& context) {
  Programme p{ids::ProgrammeId(context.new_id),
              actor.federation,
              command.title,
              command.description,
              command.funder,
              context.now,
              1};
  return {p, ProgrammeCreated{p}};
}

Result<Decision<Programme, ProgrammeChanged>> set_programme_rules(
    const std::optional<Programme>& programme, const ProgrammeRules& rules, const Actor& actor,
    const Context& context) {
  if (!programme || programme->federation != actor.federation) {
    return DomainError{DomainError::Kind::NotFound, "programme", {}};
  }
  std::vector<json::FieldError> errors;
  if (rules.min_electives < 0) errors.push_back({"min_electives", "must not be negative"});
  if (rules.max_electives && *rules.max_electives < rules.min_electives) {
    errors.push_back({"max_electives", "must not be below min_electives"});
  }
  if (rules.completion &&
      (rules.completion->threshold_percent < 1 || rules.completion->threshold_percent > 100)) {
    errors.push_back({"completion_rule.threshold_percent", "must be 1 to 100"});
  }
  if (rules.attendance_policy.present_percent < 1 ||
      rules.attendance_policy.present_percent > 100) {
    errors.push_back({"attendance_policy.present_percent", "must be 1 to 100"});
  }
  if (!errors.empty()) {
    return DomainError{DomainError::Kind::Unprocessable, "the programme's rules are invalid",
                       errors};
  }
  if (programme->rules == rules) return Decision<Programme, ProgrammeChanged>{*programme, {}};
  Programme next = *programme;
  next.rules = rules;
  next.version = programme->version + 1;
  return Decision<Programme, ProgrammeChanged>{next, ProgrammeChanged{next, context.now}};
}

Result<Decision<Cohort, CohortCreated>> create_cohort(const std::optional<Programme>& programme,
                                                      const NewCohort& command, const Actor& actor,
                                                      const Context& context) {
  std::vector<json::FieldError> errors;
  if (!is_date(command.starts_on)) errors.push_back({"starts_on", "must be a date YYYY-MM-DD"});
  if (!is_date(command.ends_on)) errors.push_back({"ends_on", "must be a date YYYY-MM-DD"});
  // Dates in this shape order as text.
  if (errors.empty() && command.ends_on < command.starts_on) {
    errors.push_back({"ends_on", "must not be before starts_on"});
  }
  if (!errors.empty())
    return DomainError{DomainError::Kind::Invalid, "the cohort's dates are invalid", errors};
  if (!programme || programme->federation != actor.federation) {
    return DomainError{DomainError::Kind::NotFound, "programme", {}};
  }
  Cohort c{ids::CohortId(context.new_id),
           actor.federation,
           programme->id,
           command.name,
           command.starts_on,
           command.ends_on,
           1};
  return Decision<Cohort, CohortCreated>{c, CohortCreated{c}};
}

Result<Decision<Module, ModuleCreated>> create_module(const std::optional<Programme>& programme,
                                                      const NewModule& command, const Actor& actor,
                                                      const Context& context) {
  if (!programme || programme->federation != actor.federation) {
    return DomainError{DomainError::Kind::NotFound, "programme", {}};
  }
  Module m{ids::ModuleId(context.new_id),
           actor.federation,
           programme->id,
           command.code,
           command.title,
           command.mandatory,
           command.planned_hours,
           1};
  return Decision<Module, ModuleCreated>{m, ModuleCreated{m}};
}

}  // namespace samverkan::modules
