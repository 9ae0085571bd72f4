#pragma once
// Monthly time statements: per participant and calendar month, the attended minutes per session
// (and approved self-study, once it is recorded here), fixed by the SHA-256 of a canonical form.
// The participant confirms exactly the content they saw (its hash); a later change to any record
// of the month supersedes the confirmed version, and the next one must be confirmed again. Stored
// versions never change, so old ones stay readable. Pure rules, free of HTTP and SQL.
#include <cstdint>
#include <optional>
#include <samverkan/ids/ids.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "record.hpp"

namespace samverkan::attendance {

// "YYYY-MM" with a month from 01 to 12 and a year from 2000 to 2999.
bool valid_month(std::string_view month);

struct StatementLine {  // one session of the month (by its local date)
  ids::SessionId session;
  std::string date;  // YYYY-MM-DD in the session's time zone
  Status status = Status::Present;
  std::int64_t minutes = 0;
};

struct SelfStudyLine {  // one approved self-study entry of the month
  std::string entry_id;
  ids::ModuleId module;
  std::string date;  // YYYY-MM-DD
  std::int64_t minutes = 0;
};

struct StatementContent {
  ids::ParticipantId participant;
  std::string month;                      // YYYY-MM
  std::vector<StatementLine> sessions;    // ordered by date, then session id
  std::vector<SelfStudyLine> self_study;  // ordered by date, then entry id
};

std::int64_t session_minutes(const StatementContent& content);
std::int64_t self_study_minutes(const StatementContent& content);

// The canonical form: compact JSON, keys in a fixed order, lines in the order above. Stable
// across releases: changing it makes every stored hash differ from its recomputation.
std::string canonical_form(const StatementContent& content);
// Lower-case hex SHA-256 of text.
std::string sha256_hex(std::string_view text);

enum class StatementState { Unconfirmed, Confirmed, Superseded };
std::string_view to_string(StatementState state);
std::optional<StatementState> parse_statement_state(std::string_view text);

// A stored (confirmed) version: its content exactly as confirmed.
struct StoredStatement {
  ids::FederationId federation;
  ids::ParticipantId participant;
  std::string month;
  std::int64_t version = 1;
  StatementState state = StatementState::Confirmed;  // Confirmed or Superseded
  std::string canonical;                             // canonical_form at confirmation
  std::string sha256;
  std::int64_t session_minutes = 0, self_study_minutes = 0;
  std::string confirmed_by, confirmed_at;  // token subject; RFC 3339 UTC with milliseconds
};

// The month as it is now: the version a confirmation would create or the confirmed one it equals.
struct StatementView {
  std::int64_t version = 1;
  StatementState state = StatementState::Unconfirmed;
  std::string canonical, sha256;
};
// Confirmed when the latest stored version is confirmed with the same hash; otherwise the next
// version (1 when none is stored), unconfirmed.
StatementView current_view(const StatementContent& content,
                           const std::optional<StoredStatement>& latest);

struct ConfirmCommand {
  std::string sha256;  // the hash the participant saw
  std::string now;     // RFC 3339 UTC with milliseconds
  std::string subject;
};
enum class ConfirmRefusal {
  Stale,    // 409: the month changed since the participant saw it
  Nothing,  // 422: no session and no self-study in the month
};
struct ConfirmRefused {
  ConfirmRefusal reason;
  std::string detail;
};
struct StatementConfirmed {
  StoredStatement statement;
};
struct StatementAlreadyConfirmed {
  StoredStatement statement;
};
using ConfirmDecision = std::variant<StatementConfirmed, StatementAlreadyConfirmed, ConfirmRefused>;

ConfirmDecision decide_confirm(const StatementContent& content,
                               const std::optional<StoredStatement>& latest,
                               const ids::FederationId& federation, const ConfirmCommand& command);

}  // namespace samverkan::attendance
