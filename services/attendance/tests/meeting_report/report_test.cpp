// One test per format, on the sample files (tests/data/meeting_reports, written by
// make_samples.py), and the refusals with their line and column.
#include "../../domain/meeting_report/report.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace samverkan::attendance::meeting_report {
namespace {

using namespace std::chrono;

// The samples' session: 2026-03-10, 09:00-11:00 local.
const Window kWindow{local_seconds(2026y / 3 / 10, 9, 0, 0),
                     local_seconds(2026y / 3 / 10, 11, 0, 0)};
LocalSeconds at(int h, int m, int s = 0) { return local_seconds(2026y / 3 / 10, h, m, s); }

std::string sample(const std::string& name) {
  std::ifstream in(std::filesystem::path(SAMVERKAN_MEETING_REPORTS) / name, std::ios::binary);
  if (!in) throw std::runtime_error("missing sample " + name);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const Attendee& by_name(const Report& r, std::string_view name) {
  for (const auto& a : r.attendees) {
    if (a.name == name) return a;
  }
  throw std::runtime_error("no attendee " + std::string(name));
}

std::vector<std::pair<LocalSeconds, LocalSeconds>> spans(const Attendee& a) {
  std::vector<std::pair<LocalSeconds, LocalSeconds>> out;
  for (const auto& i : a.intervals) out.emplace_back(i.from, i.to);
  return out;
}

Unreadable refusal(std::string_view bytes, const Limits& limits = {}) {
  try {
    read_report(bytes, kWindow, limits);
  } catch (const Unreadable& e) {
    return e;
  }
  ADD_FAILURE() << "read without a refusal";
  return Unreadable(0, 0, "none");
}

TEST(MeetingReport, Teams2022EnglishReadsTheActivitiesOnePerJoin) {
  const auto r = read_report(sample("teams_2022_en.csv"), kWindow);
  EXPECT_EQ(r.format, Format::Teams2022);
  EXPECT_EQ(r.rows, 7u);
  ASSERT_EQ(r.attendees.size(), 5u);
  const auto& anna = by_name(r, "Anna Lind");
  EXPECT_EQ(anna.email, "anna.lind@linkoping.se");  // lower-cased
  EXPECT_EQ(spans(anna), (std::vector<std::pair<LocalSeconds, LocalSeconds>>{
                             {at(8, 58, 12), at(10, 2)}, {at(10, 5), at(11, 1, 5)}}));
  EXPECT_EQ(by_name(r, "Bo Ek").intervals.size(), 2u);
  EXPECT_EQ(by_name(r, "Ek, Lena").email, "lena.ek@motala.se");  // the comma stays in the name
  EXPECT_FALSE(by_name(r, "Kalle (Guest)").email);
  EXPECT_FALSE(anna.total_seconds);
}

TEST(MeetingReport, Teams2022SwedishLabelsAndIsoDates) {
  const auto r = read_report(sample("teams_2022_sv.csv"), kWindow);
  EXPECT_EQ(r.format, Format::Teams2022);
  EXPECT_EQ(r.rows, 4u);
  ASSERT_EQ(r.attendees.size(), 2u);
  EXPECT_EQ(spans(by_name(r, "Bo Ek")), (std::vector<std::pair<LocalSeconds, LocalSeconds>>{
                                            {at(9, 20), at(10, 40)}, {at(9, 30), at(10, 0)}}));
}

TEST(MeetingReport, Teams2022WithoutActivitiesReadsTheParticipantsAsTotals) {
  const std::string text =
      "1. Summary\nMeeting title\tX\n\n2. Participants\n"
      "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
      "Anna Lind\t3/10/26, 8:58:12 AM\t3/10/26, 11:01:05 AM\t1h "
      "50m\tanna@x.se\tanna@x.se\tAttendee\n"
      "\n3. In-Meeting Activities\nName\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n";
  const auto r = read_report(text, kWindow);
  EXPECT_EQ(r.format, Format::Teams2022);
  ASSERT_EQ(r.attendees.size(), 1u);
  EXPECT_EQ(r.attendees[0].total_seconds, 110 * 60);
  EXPECT_EQ(spans(r.attendees[0]),
            (std::vector<std::pair<LocalSeconds, LocalSeconds>>{{at(8, 58, 12), at(11, 1, 5)}}));
}

TEST(MeetingReport, Teams2021SummaryThenJoins) {
  const auto r = read_report(sample("teams_2021.csv"), kWindow);
  EXPECT_EQ(r.format, Format::Teams2021);
  EXPECT_EQ(r.rows, 4u);
  ASSERT_EQ(r.attendees.size(), 3u);
  EXPECT_EQ(by_name(r, "Anna Lind").intervals.size(), 2u);
  EXPECT_EQ(r.attendees[0].line, 8u);  // the first data row, after the summary and a blank line
}

TEST(MeetingReport, Teams2020ActionsPairedAndStillInTheMeeting) {
  const auto r = read_report(sample("teams_2020.csv"), kWindow);
  EXPECT_EQ(r.format, Format::Teams2020);
  EXPECT_EQ(r.rows, 8u);
  for (const auto& a : r.attendees) EXPECT_FALSE(a.email) << a.name;  // the list has none
  EXPECT_EQ(spans(by_name(r, "Anna Lind")),
            (std::vector<std::pair<LocalSeconds, LocalSeconds>>{{at(8, 55, 2), at(10, 2)},
                                                                {at(10, 5), at(11, 1, 5)}}));
  // Bo never left: he stays until the window's end.
  EXPECT_EQ(spans(by_name(r, "Bo Ek")),
            (std::vector<std::pair<LocalSeconds, LocalSeconds>>{{at(9, 20), at(11, 0)}}));
  EXPECT_EQ(spans(by_name(r, "Ek, Lena")),
            (std::vector<std::pair<LocalSeconds, LocalSeconds>>{{at(9, 0, 30), at(9, 45, 30)}}));
}

TEST(MeetingReport, Teams2020LeftWithoutJoinedAndUnknownAction) {
  const auto r = read_report(
      "Full Name\tUser Action\tTimestamp\nAnna\tLeft\t2026-03-10 09:30:00\n"
      "Anna\tJoined\t2026-03-10 09:40:00\nAnna\tJoined\t2026-03-10 09:45:00\n",
      kWindow);
  EXPECT_EQ(spans(r.attendees.at(0)), (std::vector<std::pair<LocalSeconds, LocalSeconds>>{
                                          {at(9, 0), at(9, 30)}, {at(9, 40), at(11, 0)}}));
  const auto e = refusal("Full Name\tUser Action\tTimestamp\nAnna\tWaved\t2026-03-10 09:30:00\n");
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 2u);
}

TEST(MeetingReport, ZoomWithMeetingBlockSkipsTheWaitingRoom) {
  const auto r = read_report(sample("zoom_participants.csv"), kWindow);
  EXPECT_EQ(r.format, Format::Zoom);
  EXPECT_EQ(r.rows, 8u);
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].reason, "waiting_room");
  EXPECT_EQ(r.skipped[0].name, "Ek, Lena");
  EXPECT_EQ(r.skipped[0].line, 10u);
  EXPECT_EQ(spans(by_name(r, "Ek, Lena")),
            (std::vector<std::pair<LocalSeconds, LocalSeconds>>{{at(9, 0, 30), at(11, 0)}}));
  // ANNA.LIND@ and anna.lind@ are one person.
  EXPECT_EQ(by_name(r, "Anna Lind").intervals.size(), 2u);
  EXPECT_FALSE(by_name(r, "Kalle").email);
}

TEST(MeetingReport, ZoomWithoutMeetingBlockBomCrlf) {
  const auto r = read_report(sample("zoom_no_meeting_block.csv"), kWindow);
  EXPECT_EQ(r.format, Format::Zoom);
  EXPECT_EQ(r.attendees.size(), 2u);
  EXPECT_EQ(r.rows, 3u);
}

TEST(MeetingReport, ZoomUniqueUsersAreTotals) {
  const auto r = read_report(sample("zoom_unique_users.csv"), kWindow);
  EXPECT_EQ(r.format, Format::ZoomTotals);
  ASSERT_EQ(r.attendees.size(), 3u);
  EXPECT_EQ(by_name(r, "Anna Lind").total_seconds, 121 * 60);
  EXPECT_TRUE(by_name(r, "Anna Lind").intervals.empty());
}

TEST(MeetingReport, DayFirstWithSemicolonsAndSwedishLabels) {
  const auto r = read_report(sample("day_first_semicolons.csv"), kWindow);
  EXPECT_EQ(r.format, Format::Zoom);  // a Guest column: Zoom's layout
  EXPECT_EQ(spans(by_name(r, "Bo Ek")),
            (std::vector<std::pair<LocalSeconds, LocalSeconds>>{{at(9, 20), at(10, 10)}}));
}

TEST(MeetingReport, UnknownLabelsAreReadByShape) {
  const auto r = read_report(sample("unknown_labels.csv"), kWindow);
  EXPECT_EQ(r.format, Format::Unlabelled);
  ASSERT_EQ(r.attendees.size(), 2u);
  EXPECT_EQ(r.attendees[1].name, "Bo Ek");
  EXPECT_EQ(r.attendees[1].email, "bo.ek@norrkoping.se");
  EXPECT_EQ(spans(r.attendees[1]),
            (std::vector<std::pair<LocalSeconds, LocalSeconds>>{{at(9, 20), at(10, 40)}}));
}

TEST(MeetingReport, JoinsWithoutLeaveOrWithOnlyADuration) {
  auto r = read_report(
      "Full Name\tJoin Time\tLeave Time\tEmail\nA\t2026-03-10 10:00\t\ta@x.se\nB\t\t\tb@x.se\n",
      kWindow);
  EXPECT_EQ(spans(r.attendees.at(0)),
            (std::vector<std::pair<LocalSeconds, LocalSeconds>>{{at(10, 0), at(11, 0)}}));
  ASSERT_EQ(r.skipped.size(), 1u);
  EXPECT_EQ(r.skipped[0].reason, "no_times");
  r = read_report("Name\tJoin Time\tDuration\tEmail\nA\t2026-03-10 10:00\t15m\ta@x.se\n", kWindow);
  EXPECT_EQ(spans(r.attendees.at(0)),
            (std::vector<std::pair<LocalSeconds, LocalSeconds>>{{at(10, 0), at(10, 15)}}));
  EXPECT_EQ(refusal("Name\tJoin Time\tDuration\nA\t2026-03-10 10:00\tsoon\n").column, 3u);
}

TEST(MeetingReport, RefusalsSayLineAndColumn) {
  auto e = refusal(sample("broken_other_day.csv"));
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 3u);
  EXPECT_EQ(e.reason,
            "join time \"2026-03-11 09:00:00\" is 2026-03-11, not the session's day 2026-03-10");
  e = refusal(sample("broken_quote.csv"));
  EXPECT_EQ(e.line, 2u);
  EXPECT_EQ(e.column, 1u);
  EXPECT_EQ(e.reason, "quoted cell is never closed");
  e = refusal("Name,Join Time,Leave Time\nA,2026-03-10 10:00,2026-03-10 09:00\n");
  EXPECT_EQ(e.reason, "leave time before the join time");
  EXPECT_EQ(e.column, 3u);
  e = refusal("Name,Join Time,Leave Time\nA,later,2026-03-10 09:00\n");
  EXPECT_EQ(e.reason, "join time \"later\" is not a date and time");
  e = refusal("Name (Original Name),User Email,Join Time,Leave Time,Guest\r\n\r\n");
  EXPECT_EQ(e.reason, "the report has a table but no rows in it");
  e = refusal("just some text\nwith no table\n");
  EXPECT_EQ(e.line, 0u);
  EXPECT_FALSE(e.too_large);
  e = refusal("\x89PNG\r\n\x1a\n\xff\xff");
  EXPECT_EQ(e.line, 1u);
  EXPECT_EQ(e.reason, "invalid UTF-8 byte");
}

TEST(MeetingReport, Limits) {
  Limits small;
  small.max_bytes = 100;
  EXPECT_TRUE(refusal(std::string(101, 'a'), small).too_large);
  Limits lines;
  lines.max_line_bytes = 64;
  const auto e = refusal("Name,Join Time,Leave Time\n" + std::string(65, 'a') + "\n", lines);
  EXPECT_EQ(e.line, 2u);
  EXPECT_FALSE(e.too_large);
  Limits rows;
  rows.max_rows = 2;
  EXPECT_EQ(refusal("a\nb\nc\n", rows).line, 3u);
}

TEST(MeetingReport, FormatNames) {
  EXPECT_EQ(to_string(Format::Teams2022), "teams_2022");
  EXPECT_EQ(to_string(Format::Teams2021), "teams_2021");
  EXPECT_EQ(to_string(Format::Teams2020), "teams_2020");
  EXPECT_EQ(to_string(Format::Zoom), "zoom");
  EXPECT_EQ(to_string(Format::ZoomTotals), "zoom_totals");
  EXPECT_EQ(to_string(Format::Unlabelled), "unlabelled");
}

}  // namespace
}  // namespace samverkan::attendance::meeting_report
