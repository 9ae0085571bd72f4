// Two consumers (two replicas, or two batches) applying events at the same time: records arrive
// in one, while the other registers and moves their participants and cancels their sessions.
// The locks in repo/totals.hpp must leave the incremental totals equal to the rebuilt ones.
#include <gtest/gtest.h>

#include <thread>

#include "../repo/rebuild.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

using boost::json::object;

const std::string kFed = "fed-concurrent";
constexpr int kSessions = 4, kParticipants = 4, kRounds = 15;

object session(int s, const char* status, int version) {
  object data{{"federation_id", kFed},
              {"session_id", uuid(kSession, s)},
              {"cohort_id", uuid(kCohort, 1)},
              {"module_id", uuid(kModule, 1)},
              {"kind", "lecture"},
              {"title", "Lecture"},
              {"starts_at", "2026-03-10T09:00:00+01:00"},
              {"ends_at", "2026-03-10T12:00:00+01:00"},
              {"time_zone", "Europe/Stockholm"},
              {"delivery", "on_site"},
              {"location", nullptr}};
  if (version > 1) {
    data["status"] = status;
    data["version"] = version;
    data["changed_at"] = "2026-02-01T10:00:00Z";
  }
  return data;
}

object participant(int p, int organisation, int version) {
  return {{"federation_id", kFed},
          {"participant_id", uuid(kParticipant, p)},
          {"organisation_id", uuid(kOrganisation, organisation)},
          {"name", "P"},
          {"email", "p@example.org"},
          {"gender", "man"},
          {"birth_year", 1975},
          {"role", "officer"},
          {"version", version}};
}

object record(int s, int p) {
  return {{"federation_id", kFed},
          {"record_id", uuid(kRecord, s * kParticipants + p)},
          {"session_id", uuid(kSession, s)},
          {"participant_id", uuid(kParticipant, p)},
          {"cohort_id", uuid(kCohort, 1)},
          {"module_id", uuid(kModule, 1)},
          {"status", "present"},
          {"minutes", 60 + p},
          {"revision", 1},
          {"version", 1},
          {"recorded_at", "2026-03-10T12:00:00Z"}};
}

TEST(TotalsConcurrency, ParallelTransactionsKeepIncrementalEqualToRebuilt) {
  ReadModel model;
  const std::string scheduled = "se.samverkan.modules.session.scheduled.v1";
  const std::string changed = "se.samverkan.modules.session.changed.v1";
  const std::string registered = "se.samverkan.enrolment.participant.registered.v1";
  for (int round = 1; round <= kRounds; ++round) {
    model.clear();
    for (int s = 0; s < kSessions; ++s) model.apply({model.event(scheduled, session(s, "", 1))});
    std::vector<events::Event> records, structure;
    for (int s = 0; s < kSessions; ++s) {
      for (int p = 0; p < kParticipants; ++p) {
        records.push_back(
            model.event("se.samverkan.attendance.attendance.recorded.v1", record(s, p)));
      }
    }
    for (int p = 0; p < kParticipants; ++p) {
      structure.push_back(model.event(registered, participant(p, 1, 1)));
    }
    for (int s = 0; s < kSessions; ++s) {
      structure.push_back(model.event(changed, session(s, "cancelled", 2)));
    }
    for (int p = 0; p < kParticipants; ++p) {
      structure.push_back(model.event(registered, participant(p, 2, 2)));
    }
    structure.push_back(model.event(changed, session(0, "scheduled", 3)));
    // One event per transaction on each side, both sides at once.
    std::thread records_side([&] {
      for (const auto& e : records) model.apply({e});
    });
    for (const auto& e : structure) model.apply({e});
    records_side.join();
    const auto incremental = model.totals();
    model.pool().transact([](pqxx::work& tx) { repo::rebuild_totals(tx); });
    ASSERT_TRUE(incremental == model.totals()) << "round " << round;
  }
}

}  // namespace
}  // namespace samverkan::reporting::test
