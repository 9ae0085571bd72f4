#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <samverkan/metrics/metrics.hpp>
#include <shared_mutex>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::metrics {
namespace {

using prometheus::Counter;
using prometheus::Family;
using prometheus::Gauge;
using prometheus::Histogram;
using prometheus::MetricType;

std::string status_class(int status) { return status >= 500 ? "5xx" : "4xx"; }

const prometheus::Histogram::BucketBoundaries kHttpBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                           0.5,   1,    2.5,   5,    10};
const prometheus::Histogram::BucketBoundaries kEventBuckets{0.001, 0.0025, 0.005, 0.01, 0.025,
                                                            0.05,  0.1,    0.25,  0.5,  1};

// Orders pairs of strings and looks them up by pairs of string_views, so a lookup allocates
// nothing.
struct PairLess {
  using is_transparent = void;
  template <class A, class B>
  bool operator()(const A& a, const B& b) const {
    return std::pair<std::string_view, std::string_view>(a.first, a.second) <
           std::pair<std::string_view, std::string_view>(b.first, b.second);
  }
};

// A cache of metric handles keyed by two label values. Prometheus-cpp finds a family's child by
// building and hashing its whole label set; the hot paths (every request, every event) find
// theirs here instead, under a shared lock. Children live as long as their family, which lives
// as long as Metrics, so the cached pointers stay valid.
template <class Handles>
class HandleCache {
 public:
  template <class Make>
  Handles& get(std::string_view a, std::string_view b, Make&& make) {
    const std::pair<std::string_view, std::string_view> key(a, b);
    {
      std::shared_lock lock(mutex_);
      if (auto found = map_.find(key); found != map_.end()) return found->second;
    }
    std::unique_lock lock(mutex_);
    auto [it, inserted] = map_.try_emplace(std::pair<std::string, std::string>(a, b));
    if (inserted) it->second = make();
    return it->second;
  }

 private:
  std::shared_mutex mutex_;
  std::map<std::pair<std::string, std::string>, Handles, PairLess> map_;
};

// One route pattern and method: its duration histogram, and its counters per status code and
// error class, created on first use so /metrics shows only series that happened.
struct RouteHandles {
  Histogram* duration = nullptr;
  std::shared_ptr<std::array<std::atomic<Counter*>, 600>> by_code =
      std::make_shared<std::array<std::atomic<Counter*>, 600>>();
  std::shared_ptr<std::array<std::atomic<Counter*>, 2>> errors =
      std::make_shared<std::array<std::atomic<Counter*>, 2>>();  // 4xx, 5xx
};

struct EventHandles {
  Counter* consumed = nullptr;
  Histogram* duration = nullptr;
};

// The counter in slot, or make()'s on first use. Two threads may both make it: Family::Add
// returns the same child for the same labels, so they store the same pointer.
template <class Make>
Counter& cached(std::atomic<Counter*>& slot, Make&& make) {
  Counter* counter = slot.load(std::memory_order_acquire);
  if (counter == nullptr) {
    counter = make();
    slot.store(counter, std::memory_order_release);
  }
  return *counter;
}

}  // namespace

struct Metrics::Impl {
  explicit Impl(std::string service_name) : service(std::move(service_name)) {}

  // Every family carries service=<service> as a constant label.
  template <typename Metric, typename Builder>
  Family<Metric>& add(Builder builder, const char* name, const char* help, MetricType type) {
    descriptors.push_back({name, help, type, {}});
    return builder.Name(name).Help(help).Labels({{"service", service}}).Register(*registry);
  }
  Family<Counter>& counter(const char* name, const char* help) {
    return add<Counter>(prometheus::BuildCounter(), name, help, MetricType::Counter);
  }
  Family<Gauge>& gauge(const char* name, const char* help) {
    return add<Gauge>(prometheus::BuildGauge(), name, help, MetricType::Gauge);
  }

  std::string service;
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  // Name, help and type of every family in registration order: prometheus-cpp leaves a family
  // out of Collect() until it has a series, but scrapers should see HELP/TYPE from the start.
  std::vector<prometheus::MetricFamily> descriptors;

  Family<Counter>& http_requests = counter(
      "samverkan_http_requests_total", "HTTP requests handled, by route pattern, method and code.");
  Family<Counter>& http_errors =
      counter("samverkan_http_request_errors_total",
              "HTTP requests answered with a 4xx or 5xx status, by route pattern and method.");
  Family<Histogram>& http_duration = add<Histogram>(
      prometheus::BuildHistogram(), "samverkan_http_request_duration_seconds",
      "HTTP request handling time in seconds, by route pattern and method.", MetricType::Histogram);
  Family<Counter>& events_produced =
      counter("samverkan_events_produced_total", "Events published to Kafka, by topic and type.");
  Family<Counter>& events_consumed = counter("samverkan_events_consumed_total",
                                             "Events handled successfully, by consumer and type.");
  Family<Histogram>& event_duration =
      add<Histogram>(prometheus::BuildHistogram(), "samverkan_event_handling_duration_seconds",
                     "Time to apply one event in its inbox transaction, by consumer and type.",
                     MetricType::Histogram);
  Family<Counter>& events_failed = counter(
      "samverkan_events_failed_total", "Failed event handling attempts, by consumer and reason.");
  Family<Counter>& events_dead_lettered =
      counter("samverkan_events_dead_lettered_total",
              "Events sent to a dead-letter topic, by consumer and reason.");
  Gauge& outbox_backlog =
      gauge("samverkan_outbox_backlog_events", "Outbox events not yet published.").Add({});
  Gauge& outbox_oldest_age = gauge("samverkan_outbox_oldest_age_seconds",
                                   "Age in seconds of the oldest unpublished outbox event.")
                                 .Add({});
  Family<Gauge>& consumer_lag = gauge("samverkan_consumer_lag_messages",
                                      "Messages behind the partition end, by consumer and topic.");
  Gauge& db_in_use = gauge("samverkan_db_pool_connections_in_use",
                           "Database pool connections currently checked out.")
                         .Add({});
  Gauge& db_max = gauge("samverkan_db_pool_connections_max", "Database pool size limit.").Add({});
  Gauge& build_info =
      gauge("samverkan_build_info", "Always 1; the version label identifies the build.")
          .Add({{"version", SAMVERKAN_VERSION}});

  HandleCache<RouteHandles> routes;
  HandleCache<EventHandles> consumed;
  HandleCache<Counter*> produced;
};

Metrics::Metrics(std::string service) : impl_(std::make_unique<Impl>(std::move(service))) {
  impl_->build_info.Set(1);
}

Metrics::~Metrics() = default;

http::Observer Metrics::http_observer() {
  // The observer is installed on a router owned by the same service, so Metrics outlives it.
  Impl* impl = impl_.get();
  return [impl](std::string_view route, http::Method method, int status,
                std::chrono::duration<double> elapsed) {
    const std::string_view method_label = http::to_string(method);
    auto& handles = impl->routes.get(route, method_label, [&] {
      RouteHandles made;
      made.duration = &impl->http_duration.Add(
          {{"route", std::string(route)}, {"method", std::string(method_label)}}, kHttpBuckets);
      return made;
    });
    auto labels = [&](const char* name, std::string value) {
      return std::map<std::string, std::string>{{"route", std::string(route)},
                                                {"method", std::string(method_label)},
                                                {name, std::move(value)}};
    };
    if (status >= 100 && status < 600) {
      cached((*handles.by_code)[static_cast<std::size_t>(status)], [&] {
        return &impl->http_requests.Add(labels("code", std::to_string(status)));
      }).Increment();
    } else {
      impl->http_requests.Add(labels("code", std::to_string(status))).Increment();
    }
    if (status >= 400) {
      cached((*handles.errors)[status >= 500 ? 1 : 0], [&] {
        return &impl->http_errors.Add(labels("class", status_class(status)));
      }).Increment();
    }
    handles.duration->Observe(elapsed.count());
  };
}

void Metrics::event_produced(std::string_view topic, std::string_view type) {
  Counter* counter = impl_->produced.get(topic, type, [&] {
    return &impl_->events_produced.Add(
        {{"topic", std::string(topic)}, {"type", std::string(type)}});
  });
  counter->Increment();
}

void Metrics::event_consumed(std::string_view consumer, std::string_view type,
                             std::chrono::duration<double> elapsed) {
  auto& handles = impl_->consumed.get(consumer, type, [&] {
    const prometheus::Labels labels{{"consumer", std::string(consumer)},
                                    {"type", std::string(type)}};
    return EventHandles{&impl_->events_consumed.Add(labels),
                        &impl_->event_duration.Add(labels, kEventBuckets)};
  });
  handles.consumed->Increment();
  handles.duration->Observe(elapsed.count());
}

void Metrics::declare_consumer(std::string_view consumer) {
  for (const char* reason : {"malformed", "schema", "handler", "unavailable"}) {
    impl_->events_failed.Add({{"consumer", std::string(consumer)}, {"reason", reason}});
  }
  for (const char* reason : {"malformed", "schema", "handler"}) {
    impl_->events_dead_lettered.Add({{"consumer", std::string(consumer)}, {"reason", reason}});
  }
}

void Metrics::event_failed(std::string_view consumer, std::string_view reason) {
  impl_->events_failed.Add({{"consumer", std::string(consumer)}, {"reason", std::string(reason)}})
      .Increment();
}

void Metrics::event_dead_lettered(std::string_view consumer, std::string_view reason) {
  impl_->events_dead_lettered
      .Add({{"consumer", std::string(consumer)}, {"reason", std::string(reason)}})
      .Increment();
}

void Metrics::set_outbox(double backlog, double oldest_age_seconds) {
  impl_->outbox_backlog.Set(backlog);
  impl_->outbox_oldest_age.Set(oldest_age_seconds);
}

void Metrics::set_consumer_lag(std::string_view consumer, std::string_view topic, double lag) {
  impl_->consumer_lag.Add({{"consumer", std::string(consumer)}, {"topic", std::string(topic)}})
      .Set(lag);
}

void Metrics::set_db_pool(double in_use, double max) {
  impl_->db_in_use.Set(in_use);
  impl_->db_max.Set(max);
}

std::string Metrics::serialize() const {
  std::vector<prometheus::MetricFamily> collected = impl_->registry->Collect();
  // Emit families in registration order, header-only for those without a series yet.
  std::vector<prometheus::MetricFamily> families;
  families.reserve(impl_->descriptors.size());
  for (const auto& descriptor : impl_->descriptors) {
    const auto found = std::find_if(collected.begin(), collected.end(),
                                    [&](const auto& f) { return f.name == descriptor.name; });
    families.push_back(found != collected.end() ? std::move(*found) : descriptor);
  }
  return prometheus::TextSerializer().Serialize(families);
}

}  // namespace samverkan::metrics
