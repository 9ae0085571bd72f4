// Parse throughput of meeting reports in rows per second (issue 8 asks for >= 100k rows/s):
// a Zoom export (UTF-8, commas, quoted names) and a Teams 2022 report (UTF-16LE, tabs), each of
// 20 000 join rows by 2 000 people. tools/load/bench.py reports the rows_per_s counters.
#include <benchmark/benchmark.h>

#include <string>

#include "../domain/meeting_report/presence.hpp"

namespace {

using namespace samverkan::attendance::meeting_report;
using namespace std::literals::chrono_literals;

constexpr int kRows = 20'000, kPeople = 2'000;
const Window kWindow{local_seconds(2026y / 3 / 10, 9, 0, 0),
                     local_seconds(2026y / 3 / 10, 11, 0, 0)};

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string zoom() {
  std::string out =
      "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n";
  for (int i = 0; i < kRows; ++i) {
    const int p = i % kPeople, m = i / kPeople * 10;
    out += "\"Ek, Person " + std::to_string(p) + "\",person" + std::to_string(p) +
           "@example.se,03/10/2026 " + two(9 + m / 60) + ":" + two(m % 60) + ":00 AM,03/10/2026 " +
           two(9 + (m + 9) / 60) + ":" + two((m + 9) % 60) + ":00 AM,9,No\n";
  }
  return out;
}

std::string teams_utf16() {
  std::string text =
      "1. Summary\r\nMeeting title\tBench\r\n\r\n2. Participants\r\n"
      "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\r\n\r\n"
      "3. In-Meeting Activities\r\nName\tJoin Time\tLeave Time\tDuration\tEmail\tRole\r\n";
  for (int i = 0; i < kRows; ++i) {
    const int p = i % kPeople, m = i / kPeople * 10;
    text += "Person " + std::to_string(p) + "\t2026-03-10 " + two(9 + m / 60) + ":" + two(m % 60) +
            ":00\t2026-03-10 " + two(9 + (m + 9) / 60) + ":" + two((m + 9) % 60) +
            ":00\t9m\tperson" + std::to_string(p) + "@example.se\tAttendee\r\n";
  }
  std::string out = "\xFF\xFE";
  for (const char c : text) {  // ASCII only
    out.push_back(c);
    out.push_back('\0');
  }
  return out;
}

void run(benchmark::State& state, const std::string& file) {
  Limits limits;
  limits.max_bytes = 64u << 20;
  limits.max_rows = 1'000'000;
  std::size_t rows = 0;
  for (auto _ : state) {
    const auto report = read_report(file, kWindow, limits);
    rows = report.rows;
    benchmark::DoNotOptimize(report.attendees.data());
  }
  state.counters["rows_per_s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ZoomUtf8(benchmark::State& state) {
  static const auto file = zoom();
  run(state, file);
}
void BM_TeamsUtf16(benchmark::State& state) {
  static const auto file = teams_utf16();
  run(state, file);
}
BENCHMARK(BM_ZoomUtf8)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TeamsUtf16)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
