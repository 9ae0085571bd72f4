#include "entry_facts.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace samverkan::enrolment {

namespace {
constexpr std::array<std::pair<FactState, std::string_view>, 3> kStates{{
    {FactState::Answered, "answered"},
    {FactState::NotAsked, "not_asked"},
    {FactState::Declined, "declined"},
}};
constexpr std::array<std::pair<FactSource, std::string_view>, 3> kSources{{
    {FactSource::SelfDeclared, "self_declared"},
    {FactSource::TargetGroup, "target_group"},
    {FactSource::Estimate, "estimate"},
}};
constexpr std::array<std::string_view, 4> kGenders{"woman", "man", "non_binary", "not_stated"};
constexpr std::array<std::string_view, 5> kEmployment{
    "employed", "unemployed", "long_term_unemployed", "inactive", "not_stated"};
constexpr std::array<std::string_view, 4> kEducation{"isced_0_2", "isced_3_4", "isced_5_8",
                                                     "not_stated"};

template <class Enum, std::size_t N>
std::optional<Enum> lookup(std::string_view text,
                           const std::array<std::pair<Enum, std::string_view>, N>& names) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}
template <class Enum, std::size_t N>
std::string_view name_of(Enum value,
                         const std::array<std::pair<Enum, std::string_view>, N>& names) {
  for (const auto& [candidate, name] : names) {
    if (candidate == value) return name;
  }
  return "unknown";  // unreachable: every enumerator is listed
}

template <std::size_t N>
std::string listed(const std::array<std::string_view, N>& options) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    out += std::string(i == 0 ? "" : (i + 1 == N ? " or " : ", ")) + std::string(options[i]);
  }
  return out;
}

// The shape every fact shares: a value and a source exactly when answered.
template <class V>
void check_shape(const Fact<V>& fact, const std::string& name,
                 std::vector<json::FieldError>& errors) {
  const bool answered = fact.state == FactState::Answered;
  if (answered != fact.value.has_value()) {
    errors.push_back({name + ".value", answered ? "is required when the fact is answered"
                                                : "must be null unless the fact is answered"});
  }
  if (answered != fact.source.has_value()) {
    errors.push_back({name + ".source", answered ? "is required when the fact is answered"
                                                 : "must be null unless the fact is answered"});
  }
}

template <std::size_t N>
void check_choice(const Fact<std::string>& fact, const std::string& name,
                  const std::array<std::string_view, N>& options,
                  std::vector<json::FieldError>& errors) {
  check_shape(fact, name, errors);
  if (fact.value && std::find(options.begin(), options.end(), *fact.value) == options.end()) {
    errors.push_back({name + ".value", "must be " + listed(options)});
  }
}
}  // namespace

std::string_view to_string(FactState state) { return name_of(state, kStates); }
std::optional<FactState> fact_state_from(std::string_view text) { return lookup(text, kStates); }
std::string_view to_string(FactSource source) { return name_of(source, kSources); }
std::optional<FactSource> fact_source_from(std::string_view text) { return lookup(text, kSources); }

std::vector<json::FieldError> validate(const EntryFacts& facts, int current_year,
                                       const std::string& prefix) {
  std::vector<json::FieldError> errors;
  check_choice(facts.gender, prefix + "gender", kGenders, errors);
  check_shape(facts.birth_year, prefix + "birth_year", errors);
  if (facts.birth_year.value && (*facts.birth_year.value < current_year - 100 ||
                                 *facts.birth_year.value > current_year - 15)) {
    errors.push_back({prefix + "birth_year.value",
                      "must be a year that makes the participant between 15 and 100 years old"});
  }
  check_choice(facts.employment_status, prefix + "employment_status", kEmployment, errors);
  check_choice(facts.education_level, prefix + "education_level", kEducation, errors);
  return errors;
}

EntryFacts facts_from_registration(const std::string& gender, std::int64_t birth_year) {
  EntryFacts facts;
  facts.gender = gender == "undisclosed"
                     ? Fact<std::string>::declined()
                     : Fact<std::string>::answered(gender, FactSource::SelfDeclared);
  facts.birth_year = Fact<std::int64_t>::answered(birth_year, FactSource::SelfDeclared);
  return facts;
}

std::string legacy_gender(const EntryFacts& facts) {
  const auto& value = facts.gender.value;
  if (value && (*value == "woman" || *value == "man" || *value == "non_binary")) return *value;
  return "undisclosed";
}

Result<EntryFactsDecision> decide_record_entry_facts(const std::optional<Participant>& participant,
                                                     const std::optional<EntryFactsRecord>& current,
                                                     const std::optional<Date>& started_on,
                                                     const EntryFactsCommand& command,
                                                     const Actor& actor) {
  if (!participant || participant->federation != actor.federation ||
      !actor.may_act_for(participant->organisation)) {
    return not_found("participant");
  }
  if (current && current->facts == command.facts) {
    return EntryFactsDecision{false, *current, false};  // an idempotent repeat
  }
  const bool correction = started_on.has_value() && current.has_value();
  if (correction && command.reason.empty()) {
    return invalid("reason",
                   "is required: the entry facts are frozen since the participant "
                   "started; a change is a correction with a reason");
  }
  EntryFactsRecord next{participant->id,
                        participant->federation,
                        participant->organisation,
                        current ? current->version + 1 : 1,
                        started_on,
                        command.facts};
  return EntryFactsDecision{true, std::move(next), correction};
}

}  // namespace samverkan::enrolment
