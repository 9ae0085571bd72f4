#pragma once
// Apologies in advance: a participant, their coordinator or an administrator says before a session
// starts that the participant will not attend, and why. Auto-marking turns an apology into
// 'excused' when the session has ended without a mark. Pure rules, free of HTTP and SQL.
#include <cstdint>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <string>
#include <variant>

#include "attendance.hpp"

namespace samverkan::attendance {

struct Apology {
  std::string id;  // a UUID
  ids::FederationId federation;
  ids::SessionId session;
  ids::ParticipantId participant;
  std::string reason;         // free text, 1-500 characters; never in an event or a log
  std::string registered_by;  // token subject
  std::string registered_at;  // RFC 3339 UTC with milliseconds
};

// Who registers it, and what confines them.
struct Apologist {
  enum class Kind { Administrator, Coordinator, Participant };
  Kind kind = Kind::Administrator;
  ids::FederationId federation;
  std::string subject;
  std::optional<ids::OrganisationId> organisation;  // a coordinator's organisation
  std::optional<ids::ParticipantId> linked;         // the participant a participant token is
};

struct ApologyCommand {
  ids::SessionId session;
  ids::ParticipantId participant;
  std::string reason;
  std::string id_if_new;
  std::string now;             // RFC 3339 UTC with milliseconds
  std::int64_t now_epoch = 0;  // the same instant in seconds
};

enum class ApologyRefusal {
  ParticipantNotFound,  // 404: another organisation's participant, for a coordinator
  NotYourself,          // 403: a participant apologises only for themselves
  NotExpected,          // 422: see check_expected; the detail names the rule
  SessionStarted,       // 422: too late, the session has started
};

struct ApologyRefused {
  ApologyRefusal reason;
  std::string detail;
  std::vector<json::FieldError> errors;
};
struct ApologyRegistered {
  Apology apology;
};
struct ApologyUnchanged {  // one is registered already: it stays as it was
  Apology apology;
};
using ApologyDecision = std::variant<ApologyRegistered, ApologyUnchanged, ApologyRefused>;

// In order: a coordinator acts only for participants enrolled through its organisation (404
// otherwise, so other organisations' people stay invisible); a participant only for themselves
// (403); the participant must be expected at the session (check_expected, 422); an existing
// apology is answered unchanged; the session must not have started (now < start, 422).
ApologyDecision decide_apology(const std::optional<Apology>& current, const ApologyCommand& command,
                               const Apologist& who, const Context& context);

}  // namespace samverkan::attendance
