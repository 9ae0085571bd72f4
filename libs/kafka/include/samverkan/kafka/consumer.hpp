#pragma once
// Consumer-group consumer with auto-commit off: the caller commits a message's offset only after
// its effect is committed in PostgreSQL. Starts from the earliest offset for a new group.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <samverkan/kafka/message.hpp>
#include <samverkan/kafka/properties.hpp>
#include <string>
#include <vector>

namespace samverkan::kafka {

struct PartitionLag {
  std::string topic;
  std::int32_t partition;
  std::int64_t lag;  // high watermark minus committed position
};

class Consumer {
 public:
  Consumer(const std::string& brokers, const std::string& group_id,
           const std::vector<std::string>& topics, const Properties& extra = {});
  ~Consumer();  // leaves the group
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  std::optional<Message> poll(std::chrono::milliseconds timeout);
  // Waits up to timeout for a first message, then adds what is already fetched, up to max in all.
  // Each partition's messages stay in their order. Empty if nothing arrived.
  std::vector<Message> poll_batch(std::size_t max, std::chrono::milliseconds timeout);
  // Synchronously commits offset + 1 for the message's partition.
  void commit(const Message& message);
  // Synchronously commits, for each partition in messages, its highest offset + 1.
  void commit(const std::vector<Message>& messages);
  // Lag per assigned partition, from cached watermarks (cheap, non-blocking).
  std::vector<PartitionLag> lag();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samverkan::kafka
