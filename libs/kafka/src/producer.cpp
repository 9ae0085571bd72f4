#include <algorithm>
#include <mutex>
#include <samverkan/kafka/producer.hpp>
#include <stdexcept>

#include "config.hpp"

namespace samverkan::kafka {
namespace {

// Outcome of one send() call. Shared with the delivery reports, which may outlive send() when it
// times out.
struct Batch {
  std::mutex mutex;
  std::vector<bool> delivered;
  std::size_t pending = 0;
};

struct Ticket {
  std::shared_ptr<Batch> batch;
  std::size_t index;
};

void settle(Ticket* ticket, bool ok) {
  {
    std::lock_guard lock(ticket->batch->mutex);
    ticket->batch->delivered[ticket->index] = ok;
    --ticket->batch->pending;
  }
  delete ticket;
}

// Served by rd_kafka_poll/flush on whichever thread polls.
void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void*) {
  settle(static_cast<Ticket*>(message->_private), message->err == RD_KAFKA_RESP_ERR_NO_ERROR);
}

rd_kafka_headers_t* to_headers(const Headers& headers) {
  if (headers.empty()) return nullptr;
  rd_kafka_headers_t* list = rd_kafka_headers_new(headers.size());
  for (const auto& [name, value] : headers)
    rd_kafka_header_add(list, name.data(), static_cast<ssize_t>(name.size()), value.data(),
                        static_cast<ssize_t>(value.size()));
  return list;
}

// The array form of rd_kafka_producev, which needs no varargs or GNU statement expressions.
rd_kafka_resp_err_t produce_one(rd_kafka_t* rk, const OutMessage& message,
                                rd_kafka_headers_t* headers, void* opaque) {
  rd_kafka_vu_t fields[6] = {};
  std::size_t count = 0;
  auto add = [&](rd_kafka_vtype_t type) -> rd_kafka_vu_t& {
    fields[count].vtype = type;
    return fields[count++];
  };
  add(RD_KAFKA_VTYPE_TOPIC).u.cstr = message.topic.c_str();
  add(RD_KAFKA_VTYPE_MSGFLAGS).u.i = RD_KAFKA_MSG_F_COPY;
  // An empty key is sent as a null key so the partitioner spreads such messages.
  if (!message.key.empty())
    add(RD_KAFKA_VTYPE_KEY).u.mem = {const_cast<char*>(message.key.data()), message.key.size()};
  add(RD_KAFKA_VTYPE_VALUE).u.mem = {const_cast<char*>(message.value.data()), message.value.size()};
  add(RD_KAFKA_VTYPE_OPAQUE).u.ptr = opaque;
  if (headers != nullptr) add(RD_KAFKA_VTYPE_HEADERS).u.headers = headers;

  rd_kafka_error_t* error = rd_kafka_produceva(rk, fields, count);
  if (error == nullptr) return RD_KAFKA_RESP_ERR_NO_ERROR;
  auto code = rd_kafka_error_code(error);
  rd_kafka_error_destroy(error);
  return code;
}

bool past(std::chrono::steady_clock::time_point deadline) {
  return std::chrono::steady_clock::now() >= deadline;
}

int remaining_ms(std::chrono::steady_clock::time_point deadline, int cap) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return static_cast<int>(std::clamp<std::int64_t>(left.count(), 0, cap));
}

}  // namespace

struct Producer::Impl {
  rd_kafka_t* rk = nullptr;

  // Returns false if the message could not even be queued before the deadline.
  bool enqueue(const OutMessage& message, Ticket* ticket,
               std::chrono::steady_clock::time_point deadline) {
    for (;;) {
      rd_kafka_headers_t* headers = to_headers(message.headers);
      auto err = produce_one(rk, message, headers, ticket);
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return true;
      if (headers != nullptr) rd_kafka_headers_destroy(headers);
      if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL || past(deadline)) return false;
      // The local queue is full: serve delivery reports to make room, then try again.
      rd_kafka_poll(rk, remaining_ms(deadline, 100));
    }
  }
};

Producer::Producer(const std::string& brokers, const Properties& extra) : impl_(std::make_unique<Impl>()) {
  auto* conf = detail::make_conf({{"bootstrap.servers", brokers},
                                  {"enable.idempotence", "true"},
                                  {"acks", "all"},
                                  {"linger.ms", "5"},
                                  // Below send()'s default wait, so every message gets a
                                  // definite report (delivered or failed) before send returns.
                                  {"message.timeout.ms", "9000"}},
                                 extra);
  rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
  impl_->rk = detail::make_handle(RD_KAFKA_PRODUCER, conf);
}

Producer::~Producer() {
  rd_kafka_flush(impl_->rk, 10000);
  // Whatever is still queued fails now, so every outstanding Ticket is settled and freed.
  rd_kafka_purge(impl_->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_flush(impl_->rk, 1000);
  rd_kafka_destroy(impl_->rk);
}

std::vector<bool> Producer::send(const std::vector<OutMessage>& messages,
                                 std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto batch = std::make_shared<Batch>();
  batch->delivered.assign(messages.size(), false);
  batch->pending = messages.size();

  for (std::size_t i = 0; i < messages.size(); ++i) {
    auto* ticket = new Ticket{batch, i};
    if (!impl_->enqueue(messages[i], ticket, deadline)) settle(ticket, false);
  }
  for (;;) {
    {
      std::lock_guard lock(batch->mutex);
      if (batch->pending == 0 || past(deadline)) return batch->delivered;
    }
    rd_kafka_poll(impl_->rk, remaining_ms(deadline, 50));
  }
}

bool Producer::ping(std::chrono::milliseconds timeout) {
  const rd_kafka_metadata_t* metadata = nullptr;
  auto err = rd_kafka_metadata(impl_->rk, 0, nullptr, &metadata,
                               static_cast<int>(std::max<std::int64_t>(timeout.count(), 1)));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) return false;
  rd_kafka_metadata_destroy(metadata);
  return true;
}

}  // namespace samverkan::kafka
