#include "scale_events.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>

#include "http_load.hpp"  // json_quote

namespace samverkan::load {

namespace {

// The kind of thing an id names: its second UUID group.
enum Kind : int {
  kProgramme = 1,
  kModule,
  kCohort,
  kSession,
  kOrganisation,
  kParticipant,
  kEnrolment,
  kRecord,
  kEvent
};

constexpr const char* kTime =
    "2026-11-25T11:00:00.000Z";  // ce_time and the *_at fields: fixed, so runs compare

// A JSON string of our own ASCII text (ids, fixed words): nothing to escape.
std::string quoted(const std::string& text) { return "\"" + text + "\""; }

std::string session_time(int session, int hour) {
  char text[32];
  // Two sessions a month from January; the day and month never overflow for any session count.
  std::snprintf(text, sizeof text, "2026-%02d-%02dT%02d:00:00Z", 1 + (session / 2) % 12,
                5 + (session % 2) * 14, hour);
  return text;
}

// Sends one CloudEvent in binary mode: data as the value, the aggregate id as key and ce_subject.
class Emitter {
 public:
  Emitter(FastProducer& producer, const ScaleSpec& spec, ScaleResult& result)
      : producer_(producer), spec_(spec), result_(result) {}

  void emit(const std::string& topic, const std::string& type, const std::string& aggregate_id,
            const std::string& data_fields) {
    const std::string data =
        "{\"federation_id\":\"" + spec_.federation + "\"," + data_fields + ",\"version\":1}";
    const KafkaHeaders headers{{"ce_specversion", "1.0"},
                               {"ce_id", scale_id(spec_.salt, kEvent, next_event_++)},
                               {"ce_source", "/samverkan/load"},
                               {"ce_type", type},
                               {"ce_time", kTime},
                               {"ce_subject", aggregate_id},
                               {"content-type", "application/json"}};
    producer_.produce(topic, aggregate_id, data, headers);
    ++result_.events[type];
    ++result_.total;
  }

 private:
  FastProducer& producer_;
  const ScaleSpec& spec_;
  ScaleResult& result_;
  std::int64_t next_event_ = 0;
};

// Waits until every paced group's lag plus what is still in flight is within the window.
void wait_for_groups(FastProducer& producer, std::vector<std::unique_ptr<GroupLag>>& groups,
                     std::int64_t window, ScaleResult& result) {
  const auto started = std::chrono::steady_clock::now();
  for (;;) {
    producer.poll();
    const std::int64_t in_flight = producer.produced() - producer.delivered() - producer.failed();
    std::int64_t worst = 0;
    for (auto& group : groups) worst = std::max(worst, group->lag());
    if (worst + in_flight <= window) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  result.paused_seconds +=
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace

std::string scale_id(std::uint32_t salt, int kind, std::int64_t index) {
  char text[40];
  std::snprintf(text, sizeof text, "%08x-%04x-4000-8000-%012llx", salt,
                static_cast<unsigned>(kind) & 0xffffu,
                static_cast<unsigned long long>(index) & 0xffffffffffffULL);
  return text;
}

ScaleResult produce_scale(const std::string& brokers, const ScaleSpec& spec) {
  if (spec.organisations < 1 || spec.participants < 1 || spec.cohort_size < 1 ||
      spec.sessions_per_cohort < 1 || spec.modules < 1) {
    throw std::invalid_argument("every scale count must be at least 1");
  }
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  ScaleResult result;
  FastProducer producer(brokers);
  Emitter out(producer, spec, result);
  const auto id = [&spec](int kind, std::int64_t index) {
    return scale_id(spec.salt, kind, index);
  };
  const std::string modules_topic = "samverkan.modules", enrolment_topic = "samverkan.enrolment",
                    attendance_topic = "samverkan.attendance";

  const auto programme = id(kProgramme, 0);
  out.emit(
      modules_topic, "se.samverkan.modules.programme.created.v1", programme,
      "\"programme_id\":" + quoted(programme) + ",\"title\":\"Load programme\",\"funder\":null");
  for (int m = 0; m < spec.modules; ++m) {
    out.emit(modules_topic, "se.samverkan.modules.module.created.v1", id(kModule, m),
             "\"module_id\":" + quoted(id(kModule, m)) + ",\"programme_id\":" + quoted(programme) +
                 ",\"code\":\"L" + std::to_string(m + 1) + "\",\"title\":\"Load module " +
                 std::to_string(m + 1) + "\",\"mandatory\":true,\"planned_hours\":12");
  }
  result.cohorts = (spec.participants + spec.cohort_size - 1) / spec.cohort_size;
  for (std::int64_t c = 0; c < result.cohorts; ++c) {
    out.emit(modules_topic, "se.samverkan.modules.cohort.created.v1", id(kCohort, c),
             "\"cohort_id\":" + quoted(id(kCohort, c)) + ",\"programme_id\":" + quoted(programme) +
                 ",\"name\":\"Load cohort " + std::to_string(c + 1) +
                 "\",\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\"");
    for (int s = 0; s < spec.sessions_per_cohort; ++s) {
      const auto session = id(kSession, c * spec.sessions_per_cohort + s);
      const std::string state =
          "\"session_id\":" + quoted(session) + ",\"cohort_id\":" + quoted(id(kCohort, c)) +
          ",\"module_id\":" + quoted(id(kModule, s % spec.modules)) +
          ",\"kind\":\"lecture\",\"title\":\"Load session " + std::to_string(s + 1) +
          "\",\"starts_at\":\"" + session_time(s, 9) + "\",\"ends_at\":\"" + session_time(s, 12) +
          "\",\"time_zone\":\"Europe/Stockholm\",\"delivery\":\"online\",\"location\":null";
      // Both forms of the same state: older consumers read `scheduled`, newer ones `changed`.
      out.emit(modules_topic, "se.samverkan.modules.session.scheduled.v1", session, state);
      out.emit(modules_topic, "se.samverkan.modules.session.changed.v1", session,
               state + ",\"status\":\"scheduled\",\"changed_at\":\"" + kTime + "\"");
      ++result.sessions;
    }
  }
  for (int o = 0; o < spec.organisations; ++o) {
    char number[16];
    std::snprintf(number, sizeof number, "%06d-%04d", 200000 + o, o % 10000);
    out.emit(enrolment_topic, "se.samverkan.enrolment.organisation.registered.v1",
             id(kOrganisation, o),
             "\"organisation_id\":" + quoted(id(kOrganisation, o)) +
                 ",\"name\":\"Load organisation " + std::to_string(o + 1) + "\",\"org_number\":\"" +
                 number + "\",\"type\":\"municipality\"");
  }
  static const char* const kGenders[] = {"woman", "man", "non_binary", "undisclosed"};
  static const char* const kStatuses[] = {"present", "present", "late",
                                          "present", "absent",  "excused"};
  static const int kMinutes[] = {180, 180, 150, 180, 0, 0};
  std::vector<std::unique_ptr<GroupLag>> paced;
  for (const auto& [group, topics] : spec.pace)
    paced.push_back(std::make_unique<GroupLag>(brokers, group, topics));
  std::int64_t checked_at = 0;
  for (std::int64_t p = 0; p < spec.participants; ++p) {
    if (!paced.empty() && result.total - checked_at >= std::max<std::int64_t>(1, spec.window / 4)) {
      wait_for_groups(producer, paced, spec.window, result);
      checked_at = result.total;
    }
    const std::int64_t cohort = p / spec.cohort_size;
    const auto participant = id(kParticipant, p);
    const auto organisation = id(kOrganisation, p % spec.organisations);
    // Synthetic, not personal: the schema requires a name and an address.
    out.emit(enrolment_topic, "se.samverkan.enrolment.participant.registered.v1", participant,
             "\"participant_id\":" + quoted(participant) +
                 ",\"organisation_id\":" + quoted(organisation) + ",\"name\":\"Load participant " +
                 std::to_string(p + 1) + "\",\"email\":\"p" + std::to_string(p + 1) +
                 "@load.invalid\",\"gender\":\"" + kGenders[p % 4] +
                 "\",\"birth_year\":" + std::to_string(1960 + p % 45) + ",\"role\":\"staff\"");
    const std::string enrolment = "\"enrolment_id\":" + quoted(id(kEnrolment, p)) +
                                  ",\"participant_id\":" + quoted(participant) +
                                  ",\"organisation_id\":" + quoted(organisation) +
                                  ",\"cohort_id\":" + quoted(id(kCohort, cohort));
    // Both forms again: `approved` for older consumers, `changed` (full state) for newer ones.
    out.emit(enrolment_topic, "se.samverkan.enrolment.enrolment.approved.v1", id(kEnrolment, p),
             enrolment + ",\"approved_at\":\"" + kTime + "\"");
    out.emit(enrolment_topic, "se.samverkan.enrolment.enrolment.changed.v1", id(kEnrolment, p),
             enrolment + ",\"status\":\"approved\",\"stage\":null,\"requested_at\":\"" + kTime +
                 "\",\"approved_at\":\"" + kTime + "\",\"left_on\":null,\"changed_at\":\"" + kTime +
                 "\"");
    for (int s = 0; s < spec.sessions_per_cohort; ++s) {
      const std::int64_t index = p * spec.sessions_per_cohort + s;
      const auto record = id(kRecord, index);
      const int mark = static_cast<int>(index % 6);
      out.emit(attendance_topic, "se.samverkan.attendance.attendance.recorded.v1", record,
               "\"record_id\":" + quoted(record) + ",\"session_id\":" +
                   quoted(id(kSession, cohort * spec.sessions_per_cohort + s)) +
                   ",\"participant_id\":" + quoted(participant) +
                   ",\"cohort_id\":" + quoted(id(kCohort, cohort)) +
                   ",\"module_id\":" + quoted(id(kModule, s % spec.modules)) + ",\"status\":\"" +
                   kStatuses[mark] + "\",\"minutes\":" + std::to_string(kMinutes[mark]) +
                   ",\"revision\":1,\"recorded_at\":\"" + kTime + "\"");
      ++result.attendance_records;
    }
  }
  producer.finish(std::chrono::minutes(5));
  result.delivered = producer.delivered();
  result.failed = producer.produced() - producer.delivered();
  result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  for (std::int64_t c = 0; c < result.cohorts && c < 64; ++c)
    result.sample_cohorts.push_back(id(kCohort, c));
  // Spread over the cohorts, so reads do not all hit one cohort's rows.
  const std::int64_t step = std::max<std::int64_t>(1, spec.participants / 256);
  for (std::int64_t p = 0; p < spec.participants && result.sample_participants.size() < 256;
       p += step) {
    result.sample_participants.push_back(id(kParticipant, p));
  }
  return result;
}

std::string to_json(const ScaleResult& result) {
  char numbers[160];
  const double rate =
      result.seconds > 0 ? static_cast<double>(result.delivered) / result.seconds : 0;
  std::snprintf(numbers, sizeof numbers,
                "\"seconds\": %.3f, \"msgs_per_s\": %.3f, \"paused_seconds\": %.3f", result.seconds,
                rate, result.paused_seconds);
  std::string events = "{";
  for (const auto& [type, count] : result.events) {
    if (events.size() > 1) events += ", ";
    events += json_quote(type) + ": " + std::to_string(count);
  }
  events += "}";
  const auto list = [](const std::vector<std::string>& ids) {
    std::string text = "[";
    for (const auto& one : ids) text += (text.size() > 1 ? ", " : "") + json_quote(one);
    return text + "]";
  };
  return "{\"total\": " + std::to_string(result.total) +
         ", \"delivered\": " + std::to_string(result.delivered) +
         ", \"failed\": " + std::to_string(result.failed) + ", " + numbers +
         ", \"cohorts\": " + std::to_string(result.cohorts) +
         ", \"sessions\": " + std::to_string(result.sessions) +
         ", \"attendance_records\": " + std::to_string(result.attendance_records) +
         ", \"events\": " + events + ", \"sample_cohorts\": " + list(result.sample_cohorts) +
         ", \"sample_participants\": " + list(result.sample_participants) + "}";
}

}  // namespace samverkan::load
