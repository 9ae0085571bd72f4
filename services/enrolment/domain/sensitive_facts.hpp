#pragma once
// Sensitive categories (disability, foreign background, minority; ADR 0070): collected only for a
// participant with an enrolment in a programme that enables them, stored apart from the entry
// facts, never in an event, log line or audit reason. Reporting gets per-cohort counts among the
// approved enrolments, never a person's value. Pure: no SQL, HTTP or Kafka.
#include <array>
#include <cstdint>
#include <optional>
#include <samverkan/json/reader.hpp>
#include <string_view>
#include <vector>

#include "entry_facts.hpp"
#include "model.hpp"
#include "result.hpp"

namespace samverkan::enrolment {

// One category's answer: yes/no when answered (value set exactly then), or declined, or not asked.
struct SensitiveFact {
  FactState state = FactState::NotAsked;
  std::optional<bool> value;
  bool operator==(const SensitiveFact&) const = default;
};

enum class SensitiveCategory { Disability, ForeignBackground, Minority };
inline constexpr std::array<SensitiveCategory, 3> kSensitiveCategories{
    SensitiveCategory::Disability, SensitiveCategory::ForeignBackground,
    SensitiveCategory::Minority};
std::string_view to_string(SensitiveCategory category);

struct SensitiveFacts {
  SensitiveFact disability;
  SensitiveFact foreign_background;
  SensitiveFact minority;
  bool operator==(const SensitiveFacts&) const = default;
  [[nodiscard]] const SensitiveFact& of(SensitiveCategory category) const;
};

struct SensitiveFactsRecord {
  ParticipantId participant;
  FederationId federation;
  std::int64_t version = 0;  // 0: nothing recorded yet (every category not asked)
  SensitiveFacts facts;
};

// Every rule broken, fields named "<prefix><category>.value".
std::vector<json::FieldError> validate(const SensitiveFacts& facts,
                                       const std::string& prefix = "facts.");

struct SensitiveFactsDecision {
  bool changed = false;  // false: already these facts; nothing to store, count or audit
  SensitiveFactsRecord next;
};

// Who may read or record them: a federation_admin, the coordinator of the participant's
// organisation, or the participant themself; anyone else finds no such participant (404), so the
// funder_auditor and trainers never see them (their roles never reach the route either).
bool may_see_sensitive_facts(const Actor& actor, const Participant& participant);

// Records a participant's sensitive facts. 404 when the participant is absent or hidden from the
// actor; 409 when no current enrolment (not rejected or withdrawn) of theirs is in a programme
// that collects sensitive categories; the same facts again change nothing.
Result<SensitiveFactsDecision> decide_record_sensitive_facts(
    const std::optional<Participant>& participant, bool collected,
    const std::optional<SensitiveFactsRecord>& current, const SensitiveFacts& facts,
    const Actor& actor);

// How many approved enrolments of a cohort answered yes / no, declined, or were not asked, per
// category.
struct CategoryCounts {
  std::int64_t yes = 0;
  std::int64_t no = 0;
  std::int64_t declined = 0;
  std::int64_t not_asked = 0;
  bool operator==(const CategoryCounts&) const = default;
};
struct SensitiveCounts {
  CategoryCounts disability;
  CategoryCounts foreign_background;
  CategoryCounts minority;
  bool operator==(const SensitiveCounts&) const = default;
  [[nodiscard]] const CategoryCounts& of(SensitiveCategory category) const;
};

// The counts over the approved participants' facts; a participant with none recorded counts as
// not asked in every category.
SensitiveCounts count_sensitive(const std::vector<std::optional<SensitiveFacts>>& approved);

// The per-cohort aggregate reporting receives; version +1 at each change of the counts.
struct CohortSensitiveCounts {
  FederationId federation;
  CohortId cohort;
  ids::ProgrammeId programme;
  std::int64_t version = 0;  // 0: never published
  SensitiveCounts counts;
};

// The next aggregate when the counts moved, none when they are the same (nothing to publish).
// A cohort never published publishes its first counts even when they are all zero.
std::optional<CohortSensitiveCounts> next_sensitive_counts(const CohortSensitiveCounts& current,
                                                           const SensitiveCounts& counted);

}  // namespace samverkan::enrolment
