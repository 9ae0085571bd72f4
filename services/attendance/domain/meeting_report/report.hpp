#pragma once
// A meeting's attendance report (Teams or Zoom) read into who was there when, as pure code: the
// format is detected from the content, never the file name; columns are found by their label
// (English or Swedish, any case) or else by the shape of their data. ADR 0051.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "local_time.hpp"

namespace samverkan::attendance::meeting_report {

enum class Format {
  Teams2022,   // 1. Summary / 2. Participants / 3. In-Meeting Activities
  Teams2021,   // "Meeting Summary" block, then one row per join
  Teams2020,   // Full Name, User Action (Joined/Left/Joined before), Timestamp
  Zoom,        // participants export, one row per join, with or without the meeting block
  ZoomTotals,  // "unique users": one row per person with total minutes
  Unlabelled,  // no known labels: columns recognised by the shape of their data
};
std::string_view to_string(Format format);  // "teams_2022", ..., "zoom_totals", "unlabelled"

struct Interval {
  LocalSeconds from = 0, to = 0;
};

// One person as the file shows them: every row with the same e-mail (or, without one, the same
// name) together.
struct Attendee {
  std::size_t line = 0;              // the person's first row
  std::string name;                  // as written; empty if the file has none
  std::optional<std::string> email;  // lower-cased; none for guests
  std::vector<Interval> intervals;   // raw, unclipped, in file order
  // Totals-only formats: the minutes the file states, to be bounded by the window and the span.
  std::optional<std::int64_t> total_seconds;
};

// A row that is not attendance: waiting room, no times at all.
struct Skipped {
  std::size_t line = 0;
  std::string name;
  std::string reason;  // "waiting_room", "no_times"
};

struct Report {
  Format format = Format::Unlabelled;
  std::size_t rows = 0;  // data rows read (joins, actions or people)
  std::vector<Attendee> attendees;
  std::vector<Skipped> skipped;
};

// What the reader needs to know about the session: its window in local seconds.
struct Window {
  LocalSeconds start = 0, end = 0;
  [[nodiscard]] Days days() const { return {day_of(start), day_of(end - 1)}; }
};

// Why a file cannot be read: where (line and column, 1-based; 0 for the file as a whole) and why.
// too_large: the caller answers 413, else 422.
class Unreadable : public std::runtime_error {
 public:
  Unreadable(std::size_t line, std::size_t column, std::string reason, bool too_large = false);
  std::size_t line, column;
  std::string reason;
  bool too_large;
};

struct Limits {
  std::size_t max_bytes = 1u << 20;  // the HTTP body limit
  std::size_t max_line_bytes = 8u << 10;
  std::size_t max_rows = 20'000;
};

// Reads a report. Throws Unreadable for anything it cannot read: encoding, quoting, limits, no
// recognisable table, a table without rows, or a time that is no time or lands on another day
// than the session's.
Report read_report(std::string_view bytes, const Window& window, const Limits& limits = {});

}  // namespace samverkan::attendance::meeting_report
