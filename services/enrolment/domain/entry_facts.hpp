#pragma once
// A participant's entry facts for funders (ESF+): gender, birth year, employment status and
// education level. Each fact keeps "not asked", "declined" and an answer apart, and records where
// an answer came from. The facts freeze when the participant starts; a later change is an appended
// correction with a reason (ADR 0060). Pure: no SQL, HTTP or Kafka.
#include <cstdint>
#include <optional>
#include <samverkan/json/reader.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model.hpp"
#include "result.hpp"

namespace samverkan::enrolment {

enum class FactState { Answered, NotAsked, Declined };
enum class FactSource { SelfDeclared, TargetGroup, Estimate };

std::string_view to_string(FactState state);
std::optional<FactState> fact_state_from(std::string_view text);
std::string_view to_string(FactSource source);
std::optional<FactSource> fact_source_from(std::string_view text);

// value is set exactly when state is Answered; source likewise (validate() checks both).
template <class V>
struct Fact {
  FactState state = FactState::NotAsked;
  std::optional<V> value;
  std::optional<FactSource> source;
  bool operator==(const Fact&) const = default;

  static Fact answered(V v, FactSource s) { return {FactState::Answered, std::move(v), s}; }
  static Fact declined() { return {FactState::Declined, std::nullopt, std::nullopt}; }
};

struct EntryFacts {
  Fact<std::string> gender;             // woman, man, non_binary, not_stated
  Fact<std::int64_t> birth_year;        // a plausible year of birth
  Fact<std::string> employment_status;  // employed, unemployed, long_term_unemployed, inactive,
                                        // not_stated
  Fact<std::string> education_level;    // isced_0_2, isced_3_4, isced_5_8, not_stated
  bool operator==(const EntryFacts&) const = default;
};

// One stored version of a participant's entry facts.
struct EntryFactsRecord {
  ParticipantId participant;
  FederationId federation;
  OrganisationId organisation;
  std::int64_t version = 1;       // 1 when first recorded, +1 per change
  std::optional<Date> frozen_on;  // the start date, once the participant has started
  EntryFacts facts;
};

// Every rule broken by the facts, fields named "<fact>.state|value|source" under `prefix`.
std::vector<json::FieldError> validate(const EntryFacts& facts, int current_year,
                                       const std::string& prefix = "entry_facts.");

// The legacy registration fields as facts: gender woman/man/non_binary is an answer, "undisclosed"
// means the person declined to say; the birth year is an answer. Both self-declared; employment
// and education not asked.
EntryFacts facts_from_registration(const std::string& gender, std::int64_t birth_year);
// The legacy gender field for facts: the answered woman/man/non_binary, otherwise "undisclosed".
std::string legacy_gender(const EntryFacts& facts);

struct EntryFactsCommand {
  EntryFacts facts;    // validated already
  std::string reason;  // "" for none; required for a correction after the start
};

struct EntryFactsDecision {
  bool changed = false;     // false: the facts are already these, nothing to store or emit
  EntryFactsRecord next;    // the new version when changed, else the current one
  bool correction = false;  // a change after the start: audited with its reason
};

// Records or changes a participant's entry facts. The participant must be one the actor may act
// for (404 otherwise, so another organisation's people look absent). started_on is the earliest
// start of the participant's enrolments that have started; once set, a change is a correction and
// needs a reason (422 reason), and the new version carries frozen_on = started_on. The same facts
// again change nothing. Before the start, changes are plain new versions.
Result<EntryFactsDecision> decide_record_entry_facts(const std::optional<Participant>& participant,
                                                     const std::optional<EntryFactsRecord>& current,
                                                     const std::optional<Date>& started_on,
                                                     const EntryFactsCommand& command,
                                                     const Actor& actor);

}  // namespace samverkan::enrolment
