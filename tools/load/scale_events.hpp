#pragma once
// A synthetic federation at scale, produced straight to the Samverkan topics as valid CloudEvents
// (binary mode, the ce_* headers of libs/events/src/event.cpp, data valid against schemas/events/
// with `version`), so the consumers build their read models through the real event path.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kafka_fast.hpp"

namespace samverkan::load {

struct ScaleSpec {
  std::string federation = "ostergotland";  // the dev token's federation, so the reads see the data
  std::uint32_t salt = 0;                   // first UUID group: keeps two runs' ids apart
  int organisations = 100;
  std::int64_t participants = 100'000;
  int cohort_size = 1'000;  // participants per cohort; cohorts = ceil(participants / cohort_size)
  int sessions_per_cohort = 20;  // every participant gets one attendance record per session
  int modules = 5;
  // Flow control. The dev broker (librdkafka's mock cluster) keeps only about 5 MB per partition,
  // so a consumer more than that behind would silently skip events. Before each further chunk the
  // generator waits until, for every group listed, lag plus messages still in flight <= window.
  std::vector<std::pair<std::string, std::vector<std::string>>> pace;  // group -> its topics
  std::int64_t window = 20'000;
};

struct ScaleResult {
  std::map<std::string, std::int64_t> events;  // ce_type -> produced
  std::int64_t total = 0, delivered = 0, failed = 0;
  std::int64_t attendance_records = 0, cohorts = 0, sessions = 0;
  double seconds = 0;
  double paused_seconds = 0;                                     // waiting for the paced groups
  std::vector<std::string> sample_cohorts, sample_participants;  // ids the reads can ask for
};

// Deterministic ids: "<salt>-<kind>-4000-8000-<index>" in lower-case hex (valid `uuid` format).
std::string scale_id(std::uint32_t salt, int kind, std::int64_t index);

// Produces, in this order: the programme, modules, cohorts and sessions (samverkan.modules), the
// organisations (samverkan.enrolment), then per participant its registration and approved
// enrolment (samverkan.enrolment) and one attendance.recorded per session of its cohort
// (samverkan.attendance), pausing as spec.pace asks.
ScaleResult produce_scale(const std::string& brokers, const ScaleSpec& spec);

std::string to_json(const ScaleResult& result);

}  // namespace samverkan::load
