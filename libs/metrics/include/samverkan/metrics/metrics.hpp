#pragma once
// The Prometheus families every service exposes, all prefixed samverkan_ and labelled only with
// bounded, non-personal values (route patterns, topics, event types, consumer names).
#include <samverkan/http/router.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace samverkan::metrics {

class Metrics {
 public:
  explicit Metrics(std::string service);
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // samverkan_http_requests_total{route,method,code}, samverkan_http_request_errors_total{route,
  // method,class="4xx|5xx"}, samverkan_http_request_duration_seconds{route,method} (histogram).
  http::Observer http_observer();

  // samverkan_events_produced_total{topic,type}
  void event_produced(std::string_view topic, std::string_view type);
  // samverkan_events_consumed_total{consumer,type}, and the time the successful attempt took in
  // samverkan_event_handling_duration_seconds{consumer,type} (histogram): the consumers' RED.
  void event_consumed(std::string_view consumer, std::string_view type,
                      std::chrono::duration<double> elapsed);
  // Creates the consumer's failure and dead-letter series at 0, so that increase() in an alert sees
  // the very first one (a series born at 1 has no earlier sample to compare with).
  void declare_consumer(std::string_view consumer);
  // samverkan_events_failed_total{consumer,reason}: one per failed attempt
  void event_failed(std::string_view consumer, std::string_view reason);
  // samverkan_events_dead_lettered_total{consumer,reason}
  void event_dead_lettered(std::string_view consumer, std::string_view reason);
  // samverkan_outbox_backlog_events and samverkan_outbox_oldest_age_seconds
  void set_outbox(double backlog, double oldest_age_seconds);
  // samverkan_consumer_lag_messages{consumer,topic}
  void set_consumer_lag(std::string_view consumer, std::string_view topic, double lag);
  // samverkan_db_pool_connections_in_use and samverkan_db_pool_connections_max
  void set_db_pool(double in_use, double max);

  // Prometheus text exposition format 0.0.4.
  [[nodiscard]] std::string serialize() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samverkan::metrics
