// Detection, then one reader per kind of table: joins (one row per join), actions (Teams 2020)
// and totals (one row per person). Every time is checked against the session's days; anything
// unreadable stops the whole file (never a partial import).
#include "report.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <samverkan/csv/reader.hpp>

#include "labels.hpp"

namespace samverkan::attendance::meeting_report {

namespace {

using Cells = std::vector<std::string>;

// Where each role's column is in a header row.
struct Columns {
  std::array<std::optional<std::size_t>, 11> at{};
  std::optional<std::size_t>& operator[](Role r) { return at[static_cast<std::size_t>(r)]; }
  [[nodiscard]] std::optional<std::size_t> get(Role r) const {
    return at[static_cast<std::size_t>(r)];
  }
  [[nodiscard]] bool has(Role r) const { return get(r).has_value(); }
  // A table of people: a name and some times.
  [[nodiscard]] bool people() const {
    return has(Role::Name) &&
           ((has(Role::Join) && (has(Role::Leave) || has(Role::Duration))) ||
            (has(Role::Action) && has(Role::Timestamp)) || has(Role::TotalDuration));
  }
};

Columns columns_of(const Cells& header) {
  Columns c;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const auto role = role_of(header[i]);
    if (role != Role::Unknown && !c[role]) c[role] = i;
  }
  return c;
}

std::string_view cell(const Cells& row, std::optional<std::size_t> at) {
  if (!at || *at >= row.size()) return {};
  return row[*at];
}

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool blank(const Cells& row) {
  return std::all_of(row.begin(), row.end(), [](const auto& c) { return trimmed(c).empty(); });
}

// "1. Summary", "2. Deltagare", "3. In-Meeting Activities": a Teams 2022 section heading.
bool section_heading(const Cells& row) {
  if (row.empty()) return false;
  const auto first = trimmed(row[0]);
  if (first.size() < 3 || first[0] < '1' || first[0] > '9' || first[1] != '.') return false;
  for (std::size_t i = 1; i < row.size(); ++i) {
    if (!trimmed(row[i]).empty()) return false;
  }
  return true;
}

bool zoom_marks(const Cells& header, const Columns& c) {
  if (c.has(Role::Guest) || c.has(Role::WaitingRoom) || c.has(Role::TotalDuration)) return true;
  for (const auto& label : header) {
    const auto n = normalise(label);
    if (n.find("(original name)") != std::string::npos ||
        n.find("(minutes)") != std::string::npos || n.find("(minuter)") != std::string::npos ||
        n == "meeting id" || n == "mötes-id")
      return true;
  }
  return false;
}

std::optional<std::string> email_of(std::string_view text) {
  const auto t = trimmed(text);
  if (t.find('@') == std::string_view::npos || t.find(' ') != std::string_view::npos)
    return std::nullopt;
  std::string out(t);
  for (auto& ch : out) {
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  }
  return out;
}

class Reader {
 public:
  Reader(const csv::Table& table, const Window& window)
      : rows_(table.rows), window_(window), days_(window.days()) {}

  Report read() {
    const auto found = find_table();
    report_.format = found.format;
    switch (found.kind) {
      case Kind::Joins:
        read_joins(found);
        break;
      case Kind::Actions:
        read_actions(found);
        break;
      case Kind::Totals:
        read_totals(found);
        break;
    }
    report_.attendees.reserve(people_.size());
    for (auto& [key, index] : order_) report_.attendees.push_back(std::move(people_[index]));
    std::sort(report_.attendees.begin(), report_.attendees.end(),
              [](const Attendee& a, const Attendee& b) { return a.line < b.line; });
    return std::move(report_);
  }

 private:
  enum class Kind { Joins, Actions, Totals };
  struct Found {
    Format format;
    Kind kind;
    Columns columns;
    std::size_t first = 0, end = 0;  // the data rows: [first, end)
  };

  // The data rows under a header: up to the next heading, header or the end.
  std::size_t end_of(std::size_t first) const {
    std::size_t i = first;
    while (i < rows_.size() && !section_heading(rows_[i].cells) &&
           !columns_of(rows_[i].cells).people())
      ++i;
    return i;
  }

  Found find_table() {
    std::vector<std::pair<std::size_t, Columns>> headers;
    bool sections = false;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const auto& cells = rows_[i].cells;
      if (section_heading(cells)) sections = true;
      auto c = columns_of(cells);
      if (c.people()) headers.emplace_back(i, c);
    }
    if (headers.empty()) return by_shape();
    for (const auto& [i, c] : headers) {
      if (c.has(Role::Action) && c.has(Role::Timestamp))
        return {Format::Teams2020, Kind::Actions, c, i + 1, end_of(i + 1)};
    }
    if (sections) {
      // The in-meeting activities (one row per join) when they have rows, else the participants
      // (one row per person, first join, last leave and duration).
      if (headers.size() > 1) {
        const auto& [i, c] = headers.back();
        if (const auto end = end_of(i + 1); end > i + 1)
          return {Format::Teams2022, Kind::Joins, c, i + 1, end};
      }
      const auto& [i, c] = headers.front();
      return {Format::Teams2022, Kind::Totals, c, i + 1, end_of(i + 1)};
    }
    const auto& [i, c] = headers.front();
    if (zoom_marks(rows_[i].cells, c)) {
      if (c.has(Role::TotalDuration))
        return {Format::ZoomTotals, Kind::Totals, c, i + 1, end_of(i + 1)};
      return {Format::Zoom, Kind::Joins, c, i + 1, end_of(i + 1)};
    }
    // Teams 2021, with or without its "Meeting Summary" block: one row per join.
    return {Format::Teams2021, Kind::Joins, c, i + 1, end_of(i + 1)};
  }

  // No known labels: the first row with two or more cells that read as times on the session's
  // days starts the data; the first two such columns are join and leave, a column with an '@' is
  // the e-mail, and the first other non-empty column is the name.
  Found by_shape() {
    std::string why;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const auto& cells = rows_[i].cells;
      std::vector<std::size_t> times;
      for (std::size_t k = 0; k < cells.size(); ++k) {
        if (parse_local_time(cells[k], days_, why)) times.push_back(k);
      }
      if (times.size() < 2) continue;
      Columns c;
      c[Role::Join] = times[0];
      c[Role::Leave] = times[1];
      for (std::size_t k = 0; k < cells.size(); ++k) {
        if (k == times[0] || k == times[1]) continue;
        if (!c.has(Role::Email) && email_of(cells[k])) {
          c[Role::Email] = k;
        } else if (!c.has(Role::Name) && !trimmed(cells[k]).empty() &&
                   !parse_duration_seconds(cells[k])) {
          c[Role::Name] = k;
        }
      }
      std::size_t end = i;
      while (end < rows_.size() && !section_heading(rows_[end].cells)) ++end;
      return {Format::Unlabelled, Kind::Joins, c, i, end};
    }
    throw Unreadable(0, 0,
                     "no attendance table found: no header with a name and join and leave times "
                     "(or user action and timestamp), and no rows with two times on the session's "
                     "day");
  }

  LocalSeconds time_at(const csv::Row& row, std::size_t column, std::string_view what) {
    std::string why;
    const auto text = cell(row.cells, column);
    if (const auto t = parse_local_time(text, days_, why)) return *t;
    throw Unreadable(
        row.line, column + 1,
        std::string(what) + " \"" + std::string(trimmed(text)).substr(0, 40) + "\" " + why);
  }

  Attendee& person(const csv::Row& row, const Columns& c) {
    const auto name = std::string(trimmed(cell(row.cells, c.get(Role::Name))));
    auto email = email_of(cell(row.cells, c.get(Role::Email)));
    const auto key = email ? "@" + *email : "#" + name;
    const auto [it, added] = order_.try_emplace(key, people_.size());
    if (added) people_.push_back(Attendee{row.line, name, std::move(email), {}, std::nullopt});
    return people_[it->second];
  }

  bool in_waiting_room(const csv::Row& row, const Columns& c) {
    if (!yes(cell(row.cells, c.get(Role::WaitingRoom)))) return false;
    report_.skipped.push_back(
        {row.line, std::string(trimmed(cell(row.cells, c.get(Role::Name)))), "waiting_room"});
    return true;
  }

  void read_joins(const Found& f) {
    const auto& c = f.columns;
    for (std::size_t i = f.first; i < f.end; ++i) {
      const auto& row = rows_[i];
      if (blank(row.cells)) continue;
      ++report_.rows;
      if (in_waiting_room(row, c)) continue;
      const bool has_join = !trimmed(cell(row.cells, c.get(Role::Join))).empty();
      const bool has_leave =
          c.has(Role::Leave) && !trimmed(cell(row.cells, c.get(Role::Leave))).empty();
      if (!has_join) {
        report_.skipped.push_back(
            {row.line, std::string(trimmed(cell(row.cells, c.get(Role::Name)))), "no_times"});
        continue;
      }
      const auto from = time_at(row, *c.get(Role::Join), "join time");
      LocalSeconds to = std::max(from, window_.end);  // still in the meeting at download
      if (has_leave) {
        to = time_at(row, *c.get(Role::Leave), "leave time");
      } else if (c.has(Role::Duration) && !c.has(Role::Leave)) {
        const auto seconds = parse_duration_seconds(cell(row.cells, c.get(Role::Duration)));
        if (!seconds) {
          throw Unreadable(row.line, *c.get(Role::Duration) + 1, "duration is not a duration");
        }
        to = from + *seconds;
      }
      if (to < from) {
        throw Unreadable(row.line, *c.get(Role::Leave) + 1, "leave time before the join time");
      }
      person(row, c).intervals.push_back({from, to});
    }
  }

  // Teams 2020: Joined opens an interval, Left closes it; Joined before opens one at the start.
  // A person still in the meeting when the list was downloaded stays until the window's end.
  void read_actions(const Found& f) {
    const auto& c = f.columns;
    std::map<std::size_t, LocalSeconds> open;  // person index -> since
    for (std::size_t i = f.first; i < f.end; ++i) {
      const auto& row = rows_[i];
      if (blank(row.cells)) continue;
      ++report_.rows;
      const auto action = action_of(cell(row.cells, c.get(Role::Action)));
      if (action == Action::Unknown) {
        throw Unreadable(row.line, *c.get(Role::Action) + 1,
                         "user action is none of Joined, Joined before, Left");
      }
      const auto at = time_at(row, *c.get(Role::Timestamp), "timestamp");
      auto& p = person(row, c);
      const auto index = static_cast<std::size_t>(&p - people_.data());
      if (action == Action::Left) {
        const auto since = open.find(index);
        // A Left without a Joined: they were there from before the list began.
        const auto from = since != open.end() ? since->second : std::min(at, window_.start);
        if (since != open.end()) open.erase(since);
        p.intervals.push_back({from, at});
      } else if (!open.contains(index)) {
        open[index] = action == Action::JoinedBefore ? std::min(at, window_.start) : at;
      }
    }
    for (const auto& [index, since] : open)
      people_[index].intervals.push_back({since, std::max(since, window_.end)});
  }

  // One row per person: the span from first join to last leave, and the minutes stated.
  void read_totals(const Found& f) {
    const auto& c = f.columns;
    const auto duration =
        c.has(Role::TotalDuration) ? c.get(Role::TotalDuration) : c.get(Role::Duration);
    for (std::size_t i = f.first; i < f.end; ++i) {
      const auto& row = rows_[i];
      if (blank(row.cells)) continue;
      ++report_.rows;
      if (in_waiting_room(row, c)) continue;
      auto& p = person(row, c);
      if (c.has(Role::Join) && !trimmed(cell(row.cells, c.get(Role::Join))).empty()) {
        const auto from = time_at(row, *c.get(Role::Join), "first join");
        auto to = std::max(from, window_.end);
        if (c.has(Role::Leave) && !trimmed(cell(row.cells, c.get(Role::Leave))).empty())
          to = time_at(row, *c.get(Role::Leave), "last leave");
        if (to < from)
          throw Unreadable(row.line, *c.get(Role::Leave) + 1, "last leave before the first join");
        p.intervals.push_back({from, to});
      }
      if (duration) {
        const auto seconds = parse_duration_seconds(cell(row.cells, duration));
        if (!seconds) throw Unreadable(row.line, *duration + 1, "duration is not a duration");
        p.total_seconds = p.total_seconds.value_or(0) + *seconds;
      }
    }
  }

  const std::vector<csv::Row>& rows_;
  Window window_;
  Days days_;
  Report report_;
  std::vector<Attendee> people_;
  std::map<std::string, std::size_t> order_;  // person key -> index in people_
};

}  // namespace

std::string_view to_string(Format format) {
  switch (format) {
    case Format::Teams2022:
      return "teams_2022";
    case Format::Teams2021:
      return "teams_2021";
    case Format::Teams2020:
      return "teams_2020";
    case Format::Zoom:
      return "zoom";
    case Format::ZoomTotals:
      return "zoom_totals";
    case Format::Unlabelled:
      return "unlabelled";
  }
  return "unknown";
}

Unreadable::Unreadable(std::size_t line_, std::size_t column_, std::string reason_, bool too_large_)
    : std::runtime_error(line_ == 0 ? reason_
                                    : "line " + std::to_string(line_) + ", column " +
                                          std::to_string(column_) + ": " + reason_),
      line(line_),
      column(column_),
      reason(std::move(reason_)),
      too_large(too_large_) {}

Report read_report(std::string_view bytes, const Window& window, const Limits& limits) {
  csv::Limits csv_limits;
  csv_limits.max_bytes = limits.max_bytes;
  csv_limits.max_line_bytes = limits.max_line_bytes;
  csv_limits.max_rows = limits.max_rows;
  csv::Table table;
  try {
    table = csv::read(bytes, csv_limits);
  } catch (const csv::ReadError& e) {
    throw Unreadable(e.line(), e.column(), e.reason(), e.kind() == csv::ErrorKind::TooLarge);
  }
  auto report = Reader(table, window).read();
  // A table without a single row is a report downloaded too early or cut off; read as "nobody
  // came" it would mark everyone absent (absent_if_missing).
  if (report.rows == 0) throw Unreadable(0, 0, "the report has a table but no rows in it");
  return report;
}

}  // namespace samverkan::attendance::meeting_report
