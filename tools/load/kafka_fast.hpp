#pragma once
// librdkafka at full speed, as kcat drives it: asynchronous produce with delivery reports counted,
// and a group-less consumer reading assigned partitions from the beginning. These are the Kafka
// baselines (what the relay and the projectors stand for) and the engine of the event generator.
// The C API is used directly, with librdkafka's default settings (those kcat uses), so nothing of
// ours sits between the measurement and the library.
#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace samverkan::load {

using KafkaHeaders = std::vector<std::pair<std::string, std::string>>;

// One asynchronous producer. produce() only enqueues (waiting while the local queue is full);
// finish() waits for every delivery report. delivered + failed == produced after finish().
class FastProducer {
 public:
  explicit FastProducer(const std::string& brokers);
  ~FastProducer();
  FastProducer(const FastProducer&) = delete;
  FastProducer& operator=(const FastProducer&) = delete;

  void produce(const std::string& topic, const std::string& key, const std::string& value,
               const KafkaHeaders& headers = {});
  // Flushes; returns false if reports are still outstanding after `timeout`.
  bool finish(std::chrono::milliseconds timeout);
  // Serves delivery reports that are ready, without waiting.
  void poll() { rd_kafka_poll(rk_, 0); }

  std::int64_t produced() const { return produced_; }
  std::int64_t delivered() const { return delivered_.load(); }
  std::int64_t failed() const { return failed_.load(); }

 private:
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque);
  rd_kafka_topic_t* topic_handle(const std::string& topic);
  rd_kafka_t* rk_ = nullptr;
  // Topic handles, made once: naming the topic per message costs a lookup under a lock each time.
  std::map<std::string, rd_kafka_topic_t*> topics_;
  std::int64_t produced_ = 0;
  std::atomic<std::int64_t> delivered_{0};
  std::atomic<std::int64_t> failed_{0};
};

// The lag of another process's consumer group: the sum over the topics' partitions of the high
// watermark minus the group's committed offset (the low watermark when it has none). It reads the
// committed offsets without joining the group, so the group's own consumer is not disturbed.
class GroupLag {
 public:
  GroupLag(const std::string& brokers, std::string group, std::vector<std::string> topics);
  ~GroupLag();
  GroupLag(const GroupLag&) = delete;
  GroupLag& operator=(const GroupLag&) = delete;
  std::int64_t lag();
  const std::string& group() const { return group_; }

 private:
  rd_kafka_t* rk_ = nullptr;
  std::string group_;
  std::vector<std::pair<std::string, int>> partitions_;
};

// The partitions of a topic, from the broker's metadata.
std::vector<int> partitions_of(rd_kafka_t* rk, const std::string& topic);

struct ProduceResult {
  std::int64_t messages = 0;  // acknowledged by the broker
  std::int64_t failed = 0;    // delivery reports with an error, or none within the time limit
  double seconds = 0;  // from creating the client to the last delivery report (as kcat's wall time)
  std::string topic;
};

// Produces `messages` values of `value_size` bytes (keys "key-<i>") to `topic` at full speed.
ProduceResult produce_baseline(const std::string& brokers, const std::string& topic,
                               std::int64_t messages, std::size_t value_size, double max_seconds);

struct ConsumeResult {
  std::int64_t messages = 0;  // read (not errors)
  std::int64_t expected = 0;  // what the topics held when the run began
  double seconds =
      0;  // from creating the client to the last expected message (as kcat's wall time)
  double streaming_seconds = 0;  // from the first message to the last: the rate once connected
  std::int64_t bytes = 0;
};

// Reads every partition of `topics` from the beginning up to the high watermarks found at the
// start, without a consumer group or commits, and stops there or after `max_seconds`.
ConsumeResult consume_baseline(const std::string& brokers, const std::vector<std::string>& topics,
                               double max_seconds);

std::string to_json(const ProduceResult& result);
std::string to_json(const ConsumeResult& result);

}  // namespace samverkan::load
