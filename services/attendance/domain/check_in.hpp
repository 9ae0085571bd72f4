#pragma once
// Self check-in: a trainer opens check-in for a session and shows a short code that changes every
// kStepSeconds (TOTP-style: HMAC-SHA256 of the step number under the session's secret, truncated
// to six digits as in RFC 4226); a participant enters it within the window around the start and
// is marked present, source check_in. Wrong codes are limited per participant and per session.
// Pure rules; the secret is drawn and stored by the caller.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::attendance {

inline constexpr std::int64_t kStepSeconds = 30;
inline constexpr std::int64_t kOpensBeforeStart = 15 * 60;
inline constexpr std::int64_t kClosesAfterStart = 30 * 60;
inline constexpr std::int64_t kMaxWrongPerParticipant = 5;
inline constexpr std::int64_t kMaxWrongPerSession = 100;

// The six-digit code of a step (seconds since the epoch / kStepSeconds) under a secret.
std::string check_in_code(std::string_view secret, std::int64_t step);
// The step a time falls in.
inline std::int64_t step_of(std::int64_t epoch_seconds) { return epoch_seconds / kStepSeconds; }

struct CheckInAttempt {
  std::int64_t now = 0;                                         // seconds since the epoch
  std::int64_t starts = 0;                                      // the session's start
  std::optional<std::string> secret;                            // none: check-in was not opened
  std::string code;                                             // as entered
  std::int64_t wrong_by_participant = 0, wrong_in_session = 0;  // earlier wrong codes
};

enum class CheckInOutcome {
  Accepted,
  NotOpen,        // 422: the trainer has not opened check-in
  OutsideWindow,  // 422: before 15 minutes ahead of the start, or after 30 minutes past it
  Limited,        // 429: too many wrong codes from this participant or at this session
  WrongCode,      // 422: counts toward the limits
};
std::string_view to_string(CheckInOutcome outcome);  // a stable code, e.g. "wrong_code"

// In order: open, limits, window, code. The code of the current step and of the one before are
// accepted (a code read just before it changed), compared in constant time.
CheckInOutcome decide_check_in(const CheckInAttempt& attempt);

}  // namespace samverkan::attendance
