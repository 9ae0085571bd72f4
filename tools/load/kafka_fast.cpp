#include "kafka_fast.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <stdexcept>
#include <thread>

#include "http_load.hpp"  // json_quote

namespace samverkan::load {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

rd_kafka_conf_t* base_conf(const std::string& brokers) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char error[512];
  // Only the address and a quiet log: every other setting stays librdkafka's default, as in kcat.
  if (rd_kafka_conf_set(conf, "bootstrap.servers", brokers.c_str(), error, sizeof error) !=
          RD_KAFKA_CONF_OK ||
      rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error) != RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    throw std::invalid_argument(std::string("kafka setting: ") + error);
  }
  return conf;
}

void set(rd_kafka_conf_t* conf, const char* name, const std::string& value) {
  char error[512];
  if (rd_kafka_conf_set(conf, name, value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    throw std::invalid_argument(std::string("kafka setting ") + name + ": " + error);
  }
}

rd_kafka_t* make_handle(rd_kafka_type_t type, rd_kafka_conf_t* conf) {
  char error[512];
  rd_kafka_t* rk = rd_kafka_new(type, conf, error, sizeof error);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);  // rd_kafka_new owns conf only on success
    throw std::runtime_error(std::string("cannot create kafka client: ") + error);
  }
  return rk;
}

std::string number(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", value);
  return text;
}

}  // namespace

std::vector<int> partitions_of(rd_kafka_t* rk, const std::string& topic) {
  rd_kafka_topic_t* handle = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
  const rd_kafka_metadata_t* metadata = nullptr;
  const auto err = rd_kafka_metadata(rk, 0, handle, &metadata, 10'000);
  rd_kafka_topic_destroy(handle);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR || metadata->topic_cnt != 1 || metadata->topics[0].err) {
    if (metadata != nullptr) rd_kafka_metadata_destroy(metadata);
    throw std::runtime_error("no metadata for topic " + topic);
  }
  std::vector<int> ids;
  for (int p = 0; p < metadata->topics[0].partition_cnt; ++p)
    ids.push_back(metadata->topics[0].partitions[p].id);
  rd_kafka_metadata_destroy(metadata);
  return ids;
}

GroupLag::GroupLag(const std::string& brokers, std::string group, std::vector<std::string> topics)
    : group_(std::move(group)) {
  rd_kafka_conf_t* conf = base_conf(brokers);
  set(conf, "group.id", group_);
  set(conf, "enable.auto.commit", "false");
  rk_ = make_handle(RD_KAFKA_CONSUMER, conf);
  try {
    for (const auto& topic : topics) {
      for (const int partition : partitions_of(rk_, topic))
        partitions_.emplace_back(topic, partition);
    }
  } catch (...) {
    // The destructor does not run for a constructor that throws.
    rd_kafka_destroy_flags(rk_, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    throw;
  }
}

GroupLag::~GroupLag() {
  // Never subscribed, so there is no group membership to leave: destroy without close.
  if (rk_ != nullptr) rd_kafka_destroy_flags(rk_, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
}

std::int64_t GroupLag::lag() {
  std::unique_ptr<rd_kafka_topic_partition_list_t, void (*)(rd_kafka_topic_partition_list_t*)> list(
      rd_kafka_topic_partition_list_new(static_cast<int>(partitions_.size())),
      rd_kafka_topic_partition_list_destroy);
  for (const auto& [topic, partition] : partitions_)
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
  if (rd_kafka_committed(rk_, list.get(), 10'000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error("cannot read the committed offsets of group " + group_);
  }
  std::int64_t total = 0;
  for (int i = 0; i < list->cnt; ++i) {
    const auto& entry = list->elems[i];
    std::int64_t low = 0, high = 0;
    if (rd_kafka_query_watermark_offsets(rk_, entry.topic, entry.partition, &low, &high, 10'000) !=
        RD_KAFKA_RESP_ERR_NO_ERROR) {
      throw std::runtime_error(std::string("no watermarks for ") + entry.topic);
    }
    total += high - std::max(entry.offset, low);
  }
  return total;
}

FastProducer::FastProducer(const std::string& brokers) {
  rd_kafka_conf_t* conf = base_conf(brokers);
  rd_kafka_conf_set_dr_msg_cb(conf, &FastProducer::on_delivery);
  rd_kafka_conf_set_opaque(conf, this);
  rk_ = make_handle(RD_KAFKA_PRODUCER, conf);
}

FastProducer::~FastProducer() {
  if (rk_ != nullptr) {
    rd_kafka_flush(rk_, 5000);
    for (const auto& [name, handle] : topics_) rd_kafka_topic_destroy(handle);
    rd_kafka_destroy(rk_);
  }
}

rd_kafka_topic_t* FastProducer::topic_handle(const std::string& topic) {
  auto it = topics_.find(topic);
  if (it == topics_.end()) {
    rd_kafka_topic_t* handle = rd_kafka_topic_new(rk_, topic.c_str(), nullptr);
    if (handle == nullptr) throw std::runtime_error("cannot open topic " + topic);
    it = topics_.emplace(topic, handle).first;
  }
  return it->second;
}

void FastProducer::on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  auto* self = static_cast<FastProducer*>(opaque);
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    self->delivered_.fetch_add(1, std::memory_order_relaxed);
  } else {
    self->failed_.fetch_add(1, std::memory_order_relaxed);
  }
}

void FastProducer::produce(const std::string& topic, const std::string& key,
                           const std::string& value, const KafkaHeaders& headers) {
  for (;;) {
    // Headers are owned by librdkafka once produce succeeds; a fresh list per attempt.
    rd_kafka_headers_t* list = nullptr;
    if (!headers.empty()) {
      list = rd_kafka_headers_new(headers.size());
      for (const auto& [name, text] : headers) {
        rd_kafka_header_add(list, name.data(), static_cast<ssize_t>(name.size()), text.data(),
                            static_cast<ssize_t>(text.size()));
      }
    }
    rd_kafka_vu_t fields[5] = {};
    std::size_t count = 0;
    fields[count].vtype = RD_KAFKA_VTYPE_RKT;
    fields[count++].u.rkt = topic_handle(topic);
    fields[count].vtype = RD_KAFKA_VTYPE_MSGFLAGS;
    fields[count++].u.i = RD_KAFKA_MSG_F_COPY;
    fields[count].vtype = RD_KAFKA_VTYPE_KEY;
    fields[count++].u.mem = {const_cast<char*>(key.data()), key.size()};
    fields[count].vtype = RD_KAFKA_VTYPE_VALUE;
    fields[count++].u.mem = {const_cast<char*>(value.data()), value.size()};
    if (list != nullptr) {
      fields[count].vtype = RD_KAFKA_VTYPE_HEADERS;
      fields[count++].u.headers = list;
    }
    rd_kafka_error_t* error = rd_kafka_produceva(rk_, fields, count);
    if (error == nullptr) {
      ++produced_;
      // Serve delivery reports now and then without blocking, as kcat does between lines.
      if ((produced_ & 0x3ff) == 0) rd_kafka_poll(rk_, 0);
      return;
    }
    const auto code = rd_kafka_error_code(error);
    rd_kafka_error_destroy(error);
    if (list != nullptr) rd_kafka_headers_destroy(list);
    // A full local queue is back-pressure, not failure: wait for reports to free room and retry.
    if (code != RD_KAFKA_RESP_ERR__QUEUE_FULL) {
      throw std::runtime_error(std::string("produce to ") + topic +
                               " failed: " + rd_kafka_err2str(code));
    }
    rd_kafka_poll(rk_, 10);
  }
}

bool FastProducer::finish(std::chrono::milliseconds timeout) {
  rd_kafka_flush(rk_, static_cast<int>(timeout.count()));
  rd_kafka_poll(rk_, 0);
  return delivered() + failed() == produced();
}

ProduceResult produce_baseline(const std::string& brokers, const std::string& topic,
                               std::int64_t messages, std::size_t value_size, double max_seconds) {
  ProduceResult result;
  result.topic = topic;
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(max_seconds));
  FastProducer producer(brokers);
  const std::string value(value_size, 'x');
  for (std::int64_t i = 0; i < messages; ++i) {
    if ((i & 0xfff) == 0 && Clock::now() >= deadline) break;
    producer.produce(topic, "key-" + std::to_string(i), value);
  }
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  producer.finish(std::max(left, std::chrono::milliseconds(10'000)));
  result.seconds = since(started);
  result.messages = producer.delivered();
  result.failed = producer.produced() - producer.delivered();
  return result;
}

ConsumeResult consume_baseline(const std::string& brokers, const std::vector<std::string>& topics,
                               double max_seconds) {
  ConsumeResult result;
  const auto started = Clock::now();
  const auto deadline = started + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(max_seconds));
  rd_kafka_conf_t* conf = base_conf(brokers);
  // assign() below joins no group; the id is only required by the consumer API. Nothing is
  // committed.
  set(conf, "group.id", "samverkan-load-baseline");
  set(conf, "enable.auto.commit", "false");
  set(conf, "enable.auto.offset.store", "false");
  rd_kafka_t* rk = make_handle(RD_KAFKA_CONSUMER, conf);
  std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t*)> owner(rk, [](rd_kafka_t* handle) {
    rd_kafka_consumer_close(handle);
    rd_kafka_destroy(handle);
  });
  rd_kafka_poll_set_consumer(rk);

  // The end of each partition now, as (topic, partition) -> last offset to read: the run reads
  // exactly what is there, whatever is produced later.
  std::map<std::pair<std::string, int>, std::int64_t> last;
  std::unique_ptr<rd_kafka_topic_partition_list_t, void (*)(rd_kafka_topic_partition_list_t*)>
      assignment(rd_kafka_topic_partition_list_new(16), rd_kafka_topic_partition_list_destroy);
  for (const auto& topic : topics) {
    for (const int partition : partitions_of(rk, topic)) {
      std::int64_t low = 0, high = 0;
      if (rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, &low, &high, 10'000) !=
          RD_KAFKA_RESP_ERR_NO_ERROR) {
        throw std::runtime_error("no watermarks for " + topic);
      }
      if (high > low) {
        last[{topic, partition}] = high - 1;
        result.expected += high - low;
        rd_kafka_topic_partition_list_add(assignment.get(), topic.c_str(), partition)->offset =
            RD_KAFKA_OFFSET_BEGINNING;
      }
    }
  }
  if (last.empty()) {
    result.seconds = since(started);
    return result;
  }
  if (rd_kafka_assign(rk, assignment.get()) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    throw std::runtime_error("kafka assign failed");
  }
  Clock::time_point first{};
  while (!last.empty() && Clock::now() < deadline) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(rk, 100);
    if (message == nullptr) continue;
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      if (result.messages++ == 0) first = Clock::now();
      result.bytes += static_cast<std::int64_t>(message->len);
      const auto it = last.find({rd_kafka_topic_name(message->rkt), message->partition});
      if (it != last.end() && message->offset >= it->second) last.erase(it);
    }
    rd_kafka_message_destroy(message);
  }
  result.seconds = since(started);
  if (result.messages > 0) result.streaming_seconds = since(first);
  return result;
}

std::string to_json(const ProduceResult& result) {
  const double rate =
      result.seconds > 0 ? static_cast<double>(result.messages) / result.seconds : 0;
  return "{\"messages\": " + std::to_string(result.messages) +
         ", \"failed\": " + std::to_string(result.failed) +
         ", \"seconds\": " + number(result.seconds) + ", \"msgs_per_s\": " + number(rate) +
         ", \"topic\": " + json_quote(result.topic) + "}";
}

std::string to_json(const ConsumeResult& result) {
  const double rate =
      result.seconds > 0 ? static_cast<double>(result.messages) / result.seconds : 0;
  // The first message itself is not part of the streaming interval.
  const double streaming = result.streaming_seconds > 0
                               ? static_cast<double>(result.messages - 1) / result.streaming_seconds
                               : 0;
  return "{\"messages\": " + std::to_string(result.messages) +
         ", \"expected\": " + std::to_string(result.expected) +
         ", \"bytes\": " + std::to_string(result.bytes) +
         ", \"seconds\": " + number(result.seconds) + ", \"msgs_per_s\": " + number(rate) +
         ", \"streaming_seconds\": " + number(result.streaming_seconds) +
         ", \"streaming_msgs_per_s\": " + number(streaming) + "}";
}

}  // namespace samverkan::load
