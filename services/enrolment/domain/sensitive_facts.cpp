#include "sensitive_facts.hpp"

namespace samverkan::enrolment {

std::string_view to_string(SensitiveCategory category) {
  switch (category) {
    case SensitiveCategory::Disability:
      return "disability";
    case SensitiveCategory::ForeignBackground:
      return "foreign_background";
    case SensitiveCategory::Minority:
      return "minority";
  }
  return "unknown";  // unreachable: every enumerator is handled
}

const SensitiveFact& SensitiveFacts::of(SensitiveCategory category) const {
  if (category == SensitiveCategory::Disability) return disability;
  if (category == SensitiveCategory::ForeignBackground) return foreign_background;
  return minority;
}

const CategoryCounts& SensitiveCounts::of(SensitiveCategory category) const {
  if (category == SensitiveCategory::Disability) return disability;
  if (category == SensitiveCategory::ForeignBackground) return foreign_background;
  return minority;
}

std::vector<json::FieldError> validate(const SensitiveFacts& facts, const std::string& prefix) {
  std::vector<json::FieldError> errors;
  for (const auto category : kSensitiveCategories) {
    const auto& fact = facts.of(category);
    const bool answered = fact.state == FactState::Answered;
    if (answered != fact.value.has_value()) {
      errors.push_back({prefix + std::string(to_string(category)) + ".value",
                        answered ? "is required (true or false) when the fact is answered"
                                 : "must be null unless the fact is answered"});
    }
  }
  return errors;
}

bool may_see_sensitive_facts(const Actor& actor, const Participant& participant) {
  return participant.federation == actor.federation &&
         (actor.may_act_for(participant.organisation) || actor.is_participant(participant.id));
}

Result<SensitiveFactsDecision> decide_record_sensitive_facts(
    const std::optional<Participant>& participant, bool collected,
    const std::optional<SensitiveFactsRecord>& current, const SensitiveFacts& facts,
    const Actor& actor) {
  if (!participant || !may_see_sensitive_facts(actor, *participant)) {
    return not_found("participant");
  }
  if (!collected) {
    return conflict(
        "sensitive categories are not collected for this participant: none of their current "
        "enrolments is in a programme that enables them");
  }
  if (current && current->facts == facts) return SensitiveFactsDecision{false, *current};
  return SensitiveFactsDecision{
      true, {participant->id, participant->federation, current ? current->version + 1 : 1, facts}};
}

namespace {
void count_one(CategoryCounts& counts, const SensitiveFact& fact) {
  if (fact.state == FactState::Declined) {
    ++counts.declined;
  } else if (fact.state == FactState::Answered && fact.value) {
    ++(*fact.value ? counts.yes : counts.no);
  } else {
    ++counts.not_asked;
  }
}
}  // namespace

SensitiveCounts count_sensitive(const std::vector<std::optional<SensitiveFacts>>& approved) {
  SensitiveCounts counts;
  for (const auto& facts : approved) {
    const SensitiveFacts f = facts.value_or(SensitiveFacts{});
    count_one(counts.disability, f.disability);
    count_one(counts.foreign_background, f.foreign_background);
    count_one(counts.minority, f.minority);
  }
  return counts;
}

std::optional<CohortSensitiveCounts> next_sensitive_counts(const CohortSensitiveCounts& current,
                                                           const SensitiveCounts& counted) {
  if (current.version > 0 && current.counts == counted) return std::nullopt;
  CohortSensitiveCounts next = current;
  next.counts = counted;
  next.version = current.version + 1;
  return next;
}

}  // namespace samverkan::enrolment
