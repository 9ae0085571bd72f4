#include "deltas.hpp"

namespace samverkan::reporting {

void add_contribution(Adjustments& into, const PlacedRecord& record, int sign) {
  const auto apply = [&](TotalKey key) {
    auto& total = into[std::move(key)];
    if (sign > 0) {
      total += record.tally;
    } else {
      total -= record.tally;
    }
  };
  const auto& at = record.at;
  apply({Target::Session, at.session_id, at.cohort_id});
  if (!at.session_counts) return;
  apply({Target::ParticipantModule, at.participant_id, at.module_key});
  if (at.organisation_id) apply({Target::CohortOrganisation, at.cohort_id, *at.organisation_id});
}

Adjustments record_change(const std::optional<PlacedRecord>& before,
                          const std::optional<PlacedRecord>& after) {
  Adjustments change;
  if (after) add_contribution(change, *after, +1);
  if (before) add_contribution(change, *before, -1);
  drop_zeros(change);
  return change;
}

void drop_zeros(Adjustments& adjustments) {
  std::erase_if(adjustments, [](const auto& entry) { return entry.second.zero(); });
}

}  // namespace samverkan::reporting
