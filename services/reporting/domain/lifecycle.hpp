#pragma once
// How enrolment and session states merge by version, and what each state adds to the totals.
// Free of HTTP, SQL and Kafka.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace samverkan::reporting {

// Events written before versions existed carry none; they are the aggregate's first version.
std::int64_t version_or_first(std::optional<std::int64_t> version);
// An attendance record's version is its revision; older events carry only the revision.
std::int64_t record_version(std::optional<std::int64_t> version, std::int64_t revision);

struct EnrolmentState {
  std::string status;
  std::int64_t version = 1;
};

// Whether an incoming enrolment state replaces the stored one (none stored: it does). A newer
// version replaces; an older or equal one does not, with one exception for the log written
// before versions: enrolment.requested and enrolment.approved then both read as version 1, and an
// unversioned approval replaces the pending state at that same version (approval wins, as it
// always has). Versioned events never tie, so the exception never applies to them.
bool enrolment_replaces(const std::optional<EnrolmentState>& stored, const EnrolmentState& incoming,
                        bool unversioned_approval);

// What one enrolment adds to its cohort and organisation: an approved enrolment is an enrolled
// participant; a withdrawn one is counted apart (its attendance stays in the totals: those hours
// were attended). Other states (interest, pending, waitlisted, rejected) add nothing.
struct EnrolmentCounts {
  std::int64_t enrolled = 0, withdrawn = 0;

  [[nodiscard]] bool zero() const { return enrolled == 0 && withdrawn == 0; }
  EnrolmentCounts& operator+=(const EnrolmentCounts& o);
  EnrolmentCounts& operator-=(const EnrolmentCounts& o);
  friend EnrolmentCounts operator-(EnrolmentCounts a, const EnrolmentCounts& b) { return a -= b; }
  friend bool operator==(const EnrolmentCounts&, const EnrolmentCounts&) = default;
};
EnrolmentCounts enrolment_counts(std::string_view status);

// A cancelled session takes no attendance: records marked before it was cancelled stay stored and
// in the session's own total, but leave the participant, module and organisation totals until
// the session is scheduled again. A session reporting has not heard of yet counts.
bool session_counts(const std::optional<std::string>& session_status);

// What one session adds to its cohort's session counts.
struct SessionCounts {
  std::int64_t scheduled = 0, cancelled = 0;

  [[nodiscard]] bool zero() const { return scheduled == 0 && cancelled == 0; }
  SessionCounts& operator+=(const SessionCounts& o);
  SessionCounts& operator-=(const SessionCounts& o);
  friend SessionCounts operator-(SessionCounts a, const SessionCounts& b) { return a -= b; }
  friend bool operator==(const SessionCounts&, const SessionCounts&) = default;
};
SessionCounts session_counts_of(std::string_view status);

}  // namespace samverkan::reporting
