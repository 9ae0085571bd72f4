#pragma once
// Idempotent producer (enable.idempotence, acks=all) on librdkafka. send() blocks until every
// message is acknowledged by the broker or has definitely failed.
#include <samverkan/kafka/message.hpp>
#include <samverkan/kafka/properties.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace samverkan::kafka {

class Producer {
 public:
  explicit Producer(const std::string& brokers, const Properties& extra = {});
  ~Producer();  // flushes
  Producer(const Producer&) = delete;
  Producer& operator=(const Producer&) = delete;

  // Returns, per message in order, whether the broker acknowledged it within timeout.
  std::vector<bool> send(const std::vector<OutMessage>& messages,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));
  // True if the cluster answers a metadata request within timeout (for /readyz).
  bool ping(std::chrono::milliseconds timeout = std::chrono::milliseconds(1000));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samverkan::kafka
