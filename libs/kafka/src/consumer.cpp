#include <algorithm>
#include <cstring>
#include <map>
#include <mutex>
#include <samverkan/kafka/consumer.hpp>
#include <stdexcept>

#include "config.hpp"

namespace samverkan::kafka {
namespace {

using PartitionKey = std::pair<std::string, std::int32_t>;

struct PartitionList {
  rd_kafka_topic_partition_list_t* list;
  explicit PartitionList(int capacity) : list(rd_kafka_topic_partition_list_new(capacity)) {}
  ~PartitionList() { rd_kafka_topic_partition_list_destroy(list); }
  PartitionList(const PartitionList&) = delete;
  PartitionList& operator=(const PartitionList&) = delete;
};

Message to_message(const rd_kafka_message_t& raw) {
  Message message;
  message.topic = rd_kafka_topic_name(raw.rkt);
  message.partition = raw.partition;
  message.offset = raw.offset;
  if (raw.key != nullptr) message.key.assign(static_cast<const char*>(raw.key), raw.key_len);
  if (raw.payload != nullptr) message.value.assign(static_cast<const char*>(raw.payload), raw.len);
  rd_kafka_headers_t* headers = nullptr;
  if (rd_kafka_message_headers(&raw, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR) {
    const char* name = nullptr;
    const void* value = nullptr;
    std::size_t size = 0;
    for (std::size_t i = 0;
         rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR;
         ++i) {
      message.headers.emplace_back(name, value == nullptr
                                             ? std::string()
                                             : std::string(static_cast<const char*>(value), size));
    }
  }
  return message;
}

}  // namespace

struct Consumer::Impl {
  rd_kafka_t* rk = nullptr;
  // Committed offsets of the assigned partitions: fetched on assignment, updated by commit(),
  // so lag() needs no broker round trip.
  std::mutex mutex;
  std::map<PartitionKey, std::int64_t> committed;

  void on_assign(rd_kafka_topic_partition_list_t* partitions) {
    // Best effort: on failure lag() falls back to the fetch position.
    if (rd_kafka_committed(rk, partitions, 5000) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
    std::lock_guard lock(mutex);
    for (int i = 0; i < partitions->cnt; ++i) {
      const auto& p = partitions->elems[i];
      if (p.err == RD_KAFKA_RESP_ERR_NO_ERROR) committed[{p.topic, p.partition}] = p.offset;
    }
  }

  void on_revoke(const rd_kafka_topic_partition_list_t* partitions) {
    std::lock_guard lock(mutex);
    for (int i = 0; i < partitions->cnt; ++i)
      committed.erase({partitions->elems[i].topic, partitions->elems[i].partition});
  }

  static void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                           rd_kafka_topic_partition_list_t* partitions, void* opaque) {
    auto* self = static_cast<Impl*>(opaque);
    const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      if (cooperative) {
        if (auto* error = rd_kafka_incremental_assign(rk, partitions))
          rd_kafka_error_destroy(error);
      } else {
        rd_kafka_assign(rk, partitions);
      }
      self->on_assign(partitions);
    } else {
      self->on_revoke(partitions);
      if (cooperative) {
        if (auto* error = rd_kafka_incremental_unassign(rk, partitions))
          rd_kafka_error_destroy(error);
      } else {
        rd_kafka_assign(rk, nullptr);
      }
    }
  }
};

Consumer::Consumer(const std::string& brokers, const std::string& group_id,
                   const std::vector<std::string>& topics, const Properties& extra)
    : impl_(std::make_unique<Impl>()) {
  auto* conf = detail::make_conf({{"bootstrap.servers", brokers},
                                  {"group.id", group_id},
                                  {"enable.auto.commit", "false"},
                                  {"enable.auto.offset.store", "false"},
                                  {"auto.offset.reset", "earliest"},
                                  // Hands a crashed member's partitions over in 10s, not 45s. The
                                  // dev broker also waits this long to rebalance after a leave.
                                  {"session.timeout.ms", "10000"}},
                                 extra);
  rd_kafka_conf_set_opaque(conf, impl_.get());
  rd_kafka_conf_set_rebalance_cb(conf, Impl::on_rebalance);
  impl_->rk = detail::make_handle(RD_KAFKA_CONSUMER, conf);
  rd_kafka_poll_set_consumer(impl_->rk);

  PartitionList subscription(static_cast<int>(topics.size()));
  for (const auto& topic : topics)
    rd_kafka_topic_partition_list_add(subscription.list, topic.c_str(), RD_KAFKA_PARTITION_UA);
  if (auto err = rd_kafka_subscribe(impl_->rk, subscription.list)) {
    rd_kafka_destroy(impl_->rk);
    throw std::runtime_error(std::string("kafka subscribe failed: ") + rd_kafka_err2str(err));
  }
}

Consumer::~Consumer() {
  rd_kafka_consumer_close(impl_->rk);
  rd_kafka_destroy(impl_->rk);
}

std::optional<Message> Consumer::poll(std::chrono::milliseconds timeout) {
  rd_kafka_message_t* raw = rd_kafka_consumer_poll(impl_->rk, static_cast<int>(timeout.count()));
  if (raw == nullptr) return std::nullopt;
  std::optional<Message> message;
  // Errors here (partition EOF, broker transport, unknown topic) are informational: librdkafka
  // keeps retrying on its own, so the caller just polls again.
  if (raw->err == RD_KAFKA_RESP_ERR_NO_ERROR) message = to_message(*raw);
  rd_kafka_message_destroy(raw);
  return message;
}

std::vector<Message> Consumer::poll_batch(std::size_t max, std::chrono::milliseconds timeout) {
  std::vector<Message> batch;
  auto first = poll(timeout);
  if (!first) return batch;
  batch.push_back(std::move(*first));
  // Then only what librdkafka has already fetched: no further wait.
  while (batch.size() < max) {
    auto next = poll(std::chrono::milliseconds(0));
    if (!next) break;
    batch.push_back(std::move(*next));
  }
  return batch;
}

void Consumer::commit(const Message& message) { commit(std::vector<Message>{message}); }

void Consumer::commit(const std::vector<Message>& messages) {
  std::map<PartitionKey, std::int64_t> next;
  for (const auto& m : messages) {
    auto [it, inserted] = next.try_emplace({m.topic, m.partition}, m.offset + 1);
    if (!inserted) it->second = std::max(it->second, m.offset + 1);
  }
  if (next.empty()) return;
  PartitionList offsets(static_cast<int>(next.size()));
  for (const auto& [key, offset] : next)
    rd_kafka_topic_partition_list_add(offsets.list, key.first.c_str(), key.second)->offset = offset;
  if (auto err = rd_kafka_commit(impl_->rk, offsets.list, 0)) {
    const auto& [topic, partition] = next.begin()->first;
    throw std::runtime_error("kafka commit of " + std::to_string(next.size()) +
                             " partition(s), first " + topic + "/" + std::to_string(partition) +
                             ", failed: " + rd_kafka_err2str(err));
  }
  std::lock_guard lock(impl_->mutex);
  for (const auto& [key, offset] : next) {
    auto& known = impl_->committed[key];
    known = std::max(known, offset);
  }
}

std::vector<PartitionLag> Consumer::lag() {
  rd_kafka_topic_partition_list_t* assigned = nullptr;
  if (rd_kafka_assignment(impl_->rk, &assigned) != RD_KAFKA_RESP_ERR_NO_ERROR) return {};
  rd_kafka_position(impl_->rk, assigned);

  std::vector<PartitionLag> result;
  std::lock_guard lock(impl_->mutex);
  for (int i = 0; i < assigned->cnt; ++i) {
    const auto& p = assigned->elems[i];
    std::int64_t low = RD_KAFKA_OFFSET_INVALID;
    std::int64_t high = RD_KAFKA_OFFSET_INVALID;
    rd_kafka_get_watermark_offsets(impl_->rk, p.topic, p.partition, &low, &high);
    // With no commit yet the group starts from the earliest offset, so all of it is lag. If the
    // committed offset could not be fetched, the fetch position is the best estimate.
    std::int64_t base = p.offset;
    if (auto found = impl_->committed.find({p.topic, p.partition}); found != impl_->committed.end())
      base = found->second >= 0 ? found->second : low;
    // Unknown watermarks (nothing fetched yet) count as no lag rather than a made-up number.
    std::int64_t lag = (high >= 0 && base >= 0) ? std::max<std::int64_t>(high - base, 0) : 0;
    result.push_back({p.topic, p.partition, lag});
  }
  rd_kafka_topic_partition_list_destroy(assigned);
  return result;
}

}  // namespace samverkan::kafka
