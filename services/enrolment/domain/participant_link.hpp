#pragma once
// Linking a participant record to the subject (sub) of a participant login (ADR 0061), and what a
// participant token may see. Pure.
#include <optional>
#include <string>

#include "model.hpp"
#include "participant_events.hpp"
#include "result.hpp"

namespace samverkan::enrolment {

struct LinkDecision {
  bool changed = false;  // false: already linked so, nothing to store or emit
  Participant next;
  ParticipantChanged event;
};

// Sets (or, with nullopt, removes) the participant's subject. An administrator, or a coordinator
// of the participant's organisation; anyone else, and another federation, finds no participant
// (404). The same subject again changes nothing.
Result<LinkDecision> decide_link_subject(const std::optional<Participant>& participant,
                                         const std::optional<std::string>& subject,
                                         const Actor& actor);

// A participant token sees exactly the record linked to its subject; people managers see the
// participants of the organisations they act for.
bool may_see(const Actor& actor, const Participant& participant);

}  // namespace samverkan::enrolment
