// The property: whatever order events arrive in, however often, totals kept by deltas equal the
// totals rebuilt from the rows the same events left. Random histories (corrections, duplicates,
// out-of-order delivery, withdrawals, cancellations, organisation changes, events from before
// versions) are fed through the consumer's own handlers, several events per transaction as the
// batched consumer does, for a fixed list of seeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "../repo/rebuild.hpp"
#include "read_model_fixture.hpp"

namespace samverkan::reporting::test {
namespace {

using boost::json::object;

constexpr int kSeeds = 200;

struct Counts {
  int corrections = 0, cancellations = 0, withdrawals = 0, moves = 0, duplicates = 0;
  int unversioned = 0;
};

// One world (a federation) of events, grouped by aggregate in version order.
class History {
 public:
  History(ReadModel& model, std::mt19937& random, int world, Counts& counts)
      : model_(model),
        random_(random),
        counts_(counts),
        base_(world * 1000),
        fed_("fed-" + std::to_string(world)) {}

  std::vector<std::vector<events::Event>> generate() {
    const std::string programme = uuid(kProgramme, base_);
    for (int o = 0; o < kOrganisations; ++o) {
      add({event("se.samverkan.enrolment.organisation.registered.v1",
                 {{"organisation_id", id(kOrganisation, o)},
                  {"name", "Organisation " + std::to_string(o)},
                  {"org_number", "212000-000" + std::to_string(o)},
                  {"type", "municipality"}})});
    }
    for (int c = 0; c < kCohorts; ++c) {
      add({event("se.samverkan.modules.cohort.created.v1", {{"cohort_id", id(kCohort, c)},
                                                            {"programme_id", programme},
                                                            {"name", "Round " + std::to_string(c)},
                                                            {"starts_on", "2026-01-01"},
                                                            {"ends_on", "2026-12-31"}})});
    }
    for (int m = 0; m < kModules; ++m) {
      add({event("se.samverkan.modules.module.created.v1", {{"module_id", id(kModule, m)},
                                                            {"programme_id", programme},
                                                            {"code", "M" + std::to_string(m)},
                                                            {"title", "Module"},
                                                            {"mandatory", m == 0},
                                                            {"planned_hours", 10}})});
    }
    std::vector<int> organisation_of(kParticipants);
    for (int p = 0; p < kParticipants; ++p) {
      organisation_of[p] = pick(kOrganisations);
      std::vector<events::Event> versions{participant(p, organisation_of[p], 1)};
      if (chance(0.25)) {
        versions.push_back(participant(p, (organisation_of[p] + 1) % kOrganisations, 2));
        ++counts_.moves;
      }
      add(std::move(versions));
    }
    std::vector<int> cohort_of(kSessions);
    std::vector<std::optional<std::string>> module_of(kSessions);
    for (int s = 0; s < kSessions; ++s) {
      cohort_of[s] = pick(kCohorts);
      if (!chance(0.2)) module_of[s] = id(kModule, pick(kModules));
      add(session_history(s, id(kCohort, cohort_of[s]), module_of[s]));
    }
    for (int p = 0; p < kParticipants; ++p) {
      for (int c = 0; c < kCohorts; ++c) {
        if (chance(0.6)) add(enrolment_history(p, c, organisation_of[p]));
      }
    }
    for (int s = 0; s < kSessions; ++s) {
      for (int p = 0; p < kParticipants; ++p) {
        if (chance(0.5)) add(record_history(s, p, id(kCohort, cohort_of[s]), module_of[s]));
      }
    }
    return std::move(aggregates_);
  }

 private:
  static constexpr int kOrganisations = 3, kCohorts = 2, kModules = 3, kParticipants = 6,
                       kSessions = 5;

  std::string id(int kind, int n) const { return uuid(kind, base_ + n); }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
  void add(std::vector<events::Event> versions) { aggregates_.push_back(std::move(versions)); }

  events::Event event(const std::string& type, object data) {
    data["federation_id"] = fed_;
    return model_.event(type, std::move(data));
  }

  events::Event participant(int p, int organisation, int version) {
    return event("se.samverkan.enrolment.participant.registered.v1",
                 {{"participant_id", id(kParticipant, p)},
                  {"organisation_id", id(kOrganisation, organisation)},
                  {"name", "Participant"},
                  {"email", "p@example.org"},
                  {"gender", "undisclosed"},
                  {"birth_year", 1980},
                  {"role", "officer"},
                  {"version", version}});
  }

  std::vector<events::Event> session_history(int s, const std::string& cohort,
                                             const std::optional<std::string>& module) {
    object state{{"session_id", id(kSession, s)},
                 {"cohort_id", cohort},
                 {"module_id", module ? boost::json::value(*module) : boost::json::value(nullptr)},
                 {"kind", module ? "lecture" : "conference"},
                 {"title", "Session"},
                 {"starts_at", "2026-03-10T09:00:00+01:00"},
                 {"ends_at", "2026-03-10T12:00:00+01:00"},
                 {"time_zone", "Europe/Stockholm"},
                 {"delivery", "on_site"},
                 {"location", nullptr}};
    object scheduled = state;
    if (chance(0.5)) {
      scheduled["version"] = 1;
    } else {
      ++counts_.unversioned;
    }
    std::vector<events::Event> versions{
        event("se.samverkan.modules.session.scheduled.v1", scheduled)};
    const int changes = pick(3);
    for (int v = 2; v < 2 + changes; ++v) {
      object changed = state;
      const bool cancel = chance(0.5);
      counts_.cancellations += cancel ? 1 : 0;
      changed["status"] = cancel ? "cancelled" : "scheduled";
      changed["starts_at"] = "2026-03-1" + std::to_string(v) + "T09:00:00+01:00";
      changed["ends_at"] = "2026-03-1" + std::to_string(v) + "T11:00:00+01:00";
      changed["version"] = v;
      changed["changed_at"] = "2026-02-01T10:00:00Z";
      versions.push_back(event("se.samverkan.modules.session.changed.v1", changed));
    }
    return versions;
  }

  std::vector<events::Event> enrolment_history(int p, int c, int organisation) {
    const int n = p * kCohorts + c;
    const object key{{"enrolment_id", id(kEnrolment, n)},
                     {"participant_id", id(kParticipant, p)},
                     {"organisation_id", id(kOrganisation, organisation)},
                     {"cohort_id", id(kCohort, c)}};
    object requested = key;
    requested["requested_at"] = "2026-01-10T10:00:00Z";
    std::vector<events::Event> versions;
    const bool legacy = chance(0.4);  // written before versions: requested and approved, no version
    if (!legacy) requested["version"] = 1;
    versions.push_back(event("se.samverkan.enrolment.enrolment.requested.v1", requested));
    int version = 1;
    if (legacy) {
      ++counts_.unversioned;
      if (chance(0.8)) {
        object approved = key;
        approved["approved_at"] = "2026-01-11T10:00:00Z";
        versions.push_back(event("se.samverkan.enrolment.enrolment.approved.v1", approved));
      }
    }
    const int changes = pick(3);
    static const char* const kStatuses[] = {"approved", "approved", "withdrawn", "waitlisted",
                                            "rejected"};
    for (int i = 0; i < changes; ++i) {
      const std::string status = kStatuses[pick(5)];
      counts_.withdrawals += status == "withdrawn" ? 1 : 0;
      object changed = key;
      changed["status"] = status;
      changed["stage"] = nullptr;
      changed["requested_at"] = "2026-01-10T10:00:00Z";
      changed["approved_at"] = status == "rejected" || status == "waitlisted"
                                   ? boost::json::value(nullptr)
                                   : boost::json::value("2026-01-11T10:00:00Z");
      changed["left_on"] =
          status == "withdrawn" ? boost::json::value("2026-04-01") : boost::json::value(nullptr);
      changed["version"] = ++version;
      changed["changed_at"] = "2026-02-01T10:00:00Z";
      versions.push_back(event("se.samverkan.enrolment.enrolment.changed.v1", changed));
    }
    return versions;
  }

  std::vector<events::Event> record_history(int s, int p, const std::string& cohort,
                                            const std::optional<std::string>& module) {
    static const char* const kStatuses[] = {"present", "late", "excused", "absent"};
    std::vector<events::Event> versions;
    const int revisions = 1 + pick(3);
    counts_.corrections += revisions - 1;
    for (int revision = 1; revision <= revisions; ++revision) {
      const std::string status = kStatuses[pick(4)];
      const int minutes = status == "present" ? pick(181) : status == "late" ? 1 + pick(180) : 0;
      object data{{"record_id", id(kRecord, s * kParticipants + p)},
                  {"session_id", id(kSession, s)},
                  {"participant_id", id(kParticipant, p)},
                  {"cohort_id", cohort},
                  {"module_id", module ? boost::json::value(*module) : boost::json::value(nullptr)},
                  {"status", status},
                  {"minutes", minutes},
                  {"revision", revision},
                  {"recorded_at", "2026-03-10T12:00:00Z"}};
      if (chance(0.7)) {
        data["version"] = revision;
      } else {
        ++counts_.unversioned;
      }
      versions.push_back(event("se.samverkan.attendance.attendance.recorded.v1", data));
    }
    return versions;
  }

  ReadModel& model_;
  std::mt19937& random_;
  Counts& counts_;
  int base_;
  std::string fed_;
  std::vector<std::vector<events::Event>> aggregates_;
};

// Interleaves the aggregates' events (in order, or for some aggregates shuffled: a redelivery
// from before a rebalance), then delivers some events again later.
std::vector<events::Event> delivery(std::vector<std::vector<events::Event>> aggregates,
                                    std::mt19937& random, Counts& counts) {
  std::vector<std::size_t> next(aggregates.size(), 0), open;
  for (std::size_t a = 0; a < aggregates.size(); ++a) {
    if (std::bernoulli_distribution(0.3)(random)) {
      std::shuffle(aggregates[a].begin(), aggregates[a].end(), random);
    }
    open.push_back(a);
  }
  std::vector<events::Event> order;
  while (!open.empty()) {
    const auto i = std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(random);
    const auto a = open[i];
    order.push_back(aggregates[a][next[a]++]);
    if (next[a] == aggregates[a].size()) open.erase(open.begin() + static_cast<long>(i));
  }
  const std::size_t originals = order.size();
  for (std::size_t i = 0; i < originals; ++i) {
    if (!std::bernoulli_distribution(0.15)(random)) continue;
    const auto copy = order[i];
    const auto at = std::uniform_int_distribution<std::size_t>(i + 1, order.size())(random);
    order.insert(order.begin() + static_cast<long>(at), copy);
    ++counts.duplicates;
  }
  return order;
}

std::string difference(const std::vector<std::string>& incremental,
                       const std::vector<std::string>& rebuilt) {
  std::string text;
  for (const auto& line : incremental) {
    if (!std::binary_search(rebuilt.begin(), rebuilt.end(), line))
      text += "\n  incremental: " + line;
  }
  for (const auto& line : rebuilt) {
    if (!std::binary_search(incremental.begin(), incremental.end(), line))
      text += "\n  rebuilt:     " + line;
  }
  return text;
}

TEST(TotalsProperty, IncrementalEqualsRebuiltForEverySeed) {
  ReadModel model;
  Counts counts;
  std::size_t nonzero_totals = 0;
  for (int seed = 1; seed <= kSeeds; ++seed) {
    model.clear();
    std::mt19937 random(static_cast<std::mt19937::result_type>(seed));
    std::vector<std::vector<events::Event>> aggregates;
    for (int world = 0; world < 2; ++world) {
      for (auto& a : History(model, random, world, counts).generate())
        aggregates.push_back(std::move(a));
    }
    const auto order = delivery(std::move(aggregates), random, counts);
    // Batches of 1 to 8 events per transaction, as the batched consumer may commit them.
    for (std::size_t i = 0; i < order.size();) {
      const auto size = std::uniform_int_distribution<std::size_t>(1, 8)(random);
      const auto end = std::min(order.size(), i + size);
      model.apply({order.begin() + static_cast<long>(i), order.begin() + static_cast<long>(end)});
      i = end;
    }
    const auto incremental = model.totals();
    model.pool().transact([](pqxx::work& tx) { repo::rebuild_totals(tx); });
    const auto rebuilt = model.totals();
    ASSERT_TRUE(incremental == rebuilt) << "seed " << seed << " (" << order.size()
                                        << " events):" << difference(incremental, rebuilt);
    nonzero_totals += incremental.size();
  }
  // The histories did exercise every path (a generator that stopped doing so would make the
  // property vacuous).
  EXPECT_GT(nonzero_totals, 0U);
  EXPECT_GT(counts.corrections, 0);
  EXPECT_GT(counts.cancellations, 0);
  EXPECT_GT(counts.withdrawals, 0);
  EXPECT_GT(counts.moves, 0);
  EXPECT_GT(counts.duplicates, 0);
  EXPECT_GT(counts.unversioned, 0);
}

// Feeding every event of a history a second time, in a new order, changes no total: each
// handler is idempotent by version on its own, without the inbox.
TEST(TotalsProperty, ReplayingEverythingChangesNothing) {
  ReadModel model;
  Counts counts;
  for (int seed = 1; seed <= 20; ++seed) {
    model.clear();
    std::mt19937 random(static_cast<std::mt19937::result_type>(1000 + seed));
    auto aggregates = History(model, random, 0, counts).generate();
    const auto order = delivery(aggregates, random, counts);
    for (const auto& e : order) model.apply({e});
    const auto once = model.totals();
    auto again = order;
    std::shuffle(again.begin(), again.end(), random);
    model.apply(again);
    ASSERT_EQ(model.totals(), once) << "seed " << 1000 + seed;
  }
}

}  // namespace
}  // namespace samverkan::reporting::test
