// libFuzzer entry: any bytes either read as a report, whose plan then holds together, or are
// refused with meeting_report::Unreadable. Any other exception, a crash or a sanitizer report is a
// finding.
#include <cstdint>
#include <samverkan/csv/writer.hpp>
#include <string_view>

#include "../../services/attendance/domain/meeting_report/presence.hpp"

using namespace samverkan::attendance::meeting_report;
using namespace std::literals::chrono_literals;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // The samples' session, 2026-03-10 09:00-11:00.
  const Window window{local_seconds(2026y / 3 / 10, 9, 0, 0),
                      local_seconds(2026y / 3 / 10, 11, 0, 0)};
  Limits limits;
  limits.max_bytes = 1u << 16;
  try {
    const auto report = read_report(bytes, window, limits);
    const std::vector<Expected> expected{{"p-anna", {"anna.lind@linkoping.se"}},
                                         {"p-bo", {"bo.ek@norrkoping.se", "a@x.se"}}};
    const auto plan = plan_import(report, expected, window, Policy{});
    for (const auto& m : plan.matched) {
      if (m.minutes < 0 || m.minutes > 120) __builtin_trap();  // presence outside the window
    }
    samverkan::csv::Writer out;
    for (const auto& a : report.attendees) out.text(a.name).end_row();  // names written back
  } catch (const Unreadable&) {
    // A refusal with line, column and reason: the expected outcome for most inputs.
  }
  return 0;
}
