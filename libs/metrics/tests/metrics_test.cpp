#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <regex>
#include <samverkan/metrics/metrics.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace samverkan::metrics {
namespace {

using namespace std::chrono_literals;

bool contains_line(const std::string& text, const std::string& line) {
  std::istringstream in(text);
  for (std::string current; std::getline(in, current);) {
    if (current == line) return true;
  }
  return false;
}

// Checks the text exposition format 0.0.4 line by line: HELP and TYPE at most once per family
// and before its samples, and every sample well-formed and belonging to a declared family.
void expect_valid_exposition(const std::string& text) {
  static const std::regex kHelp(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .+)");
  static const std::regex kType(
      R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped))");
  static const std::regex kSample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*))"
      R"((\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(?:,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})?)"
      R"( (-?[0-9.eE+-]+|[+-]Inf|NaN|Nan)( -?[0-9]+)?)");
  ASSERT_FALSE(text.empty());
  ASSERT_EQ(text.back(), '\n');
  std::map<std::string, std::string> types;
  std::set<std::string> helps;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, kHelp)) {
      EXPECT_TRUE(helps.insert(m[1]).second) << "duplicate HELP: " << line;
    } else if (std::regex_match(line, m, kType)) {
      EXPECT_TRUE(types.emplace(m[1], m[2]).second) << "duplicate TYPE: " << line;
    } else if (std::regex_match(line, m, kSample)) {
      std::string family = m[1];
      if (!types.count(family)) {
        for (const char* suffix : {"_bucket", "_sum", "_count"}) {
          const std::string s(suffix);
          if (family.size() > s.size() && family.ends_with(s)) {
            const std::string base = family.substr(0, family.size() - s.size());
            if (types.count(base) && types[base] == "histogram") family = base;
          }
        }
      }
      EXPECT_TRUE(types.count(family)) << "sample without TYPE: " << line;
    } else {
      ADD_FAILURE() << "not a valid exposition line: '" << line << "'";
    }
  }
}

TEST(Metrics, EveryFamilyHasHelpAndTypeFromTheStart) {
  Metrics metrics("registry");
  const std::string text = metrics.serialize();
  expect_valid_exposition(text);
  const std::vector<std::pair<std::string, std::string>> families = {
      {"samverkan_http_requests_total", "counter"},
      {"samverkan_http_request_errors_total", "counter"},
      {"samverkan_http_request_duration_seconds", "histogram"},
      {"samverkan_events_produced_total", "counter"},
      {"samverkan_events_consumed_total", "counter"},
      {"samverkan_events_failed_total", "counter"},
      {"samverkan_events_dead_lettered_total", "counter"},
      {"samverkan_outbox_backlog_events", "gauge"},
      {"samverkan_outbox_oldest_age_seconds", "gauge"},
      {"samverkan_consumer_lag_messages", "gauge"},
      {"samverkan_db_pool_connections_in_use", "gauge"},
      {"samverkan_db_pool_connections_max", "gauge"},
      {"samverkan_build_info", "gauge"},
  };
  for (const auto& [name, type] : families) {
    EXPECT_TRUE(contains_line(text, "# TYPE " + name + " " + type)) << name << "\n" << text;
    EXPECT_NE(text.find("# HELP " + name + " "), std::string::npos) << name;
  }
  EXPECT_TRUE(contains_line(text, R"(samverkan_outbox_backlog_events{service="registry"} 0)"))
      << text;
  EXPECT_TRUE(contains_line(text, R"(samverkan_db_pool_connections_max{service="registry"} 0)"));
  EXPECT_TRUE(std::regex_search(
      text, std::regex(R"((^|\n)samverkan_build_info\{service="registry",version="[^"]+"\} 1\n)")))
      << text;
}

TEST(Metrics, HttpObserverCountsRequestsErrorsAndDurations) {
  Metrics metrics("events");
  const http::Observer observe = metrics.http_observer();
  observe("/v1/cohorts/{id}", http::Method::Get, 200, 3ms);
  observe("/v1/cohorts/{id}", http::Method::Get, 200, 40ms);
  observe("/v1/cohorts/{id}", http::Method::Get, 404, 1ms);
  observe("/v1/cohorts", http::Method::Post, 503, 2s);
  const std::string text = metrics.serialize();
  expect_valid_exposition(text);

  const std::string get = R"(method="GET",route="/v1/cohorts/{id}")";
  EXPECT_TRUE(contains_line(
      text, R"(samverkan_http_requests_total{service="events",code="200",)" + get + "} 2"))
      << text;
  EXPECT_TRUE(contains_line(
      text, R"(samverkan_http_requests_total{service="events",code="404",)" + get + "} 1"));
  EXPECT_TRUE(contains_line(
      text, R"(samverkan_http_request_errors_total{service="events",class="4xx",)" + get + "} 1"));
  EXPECT_TRUE(contains_line(text,
                            R"(samverkan_http_request_errors_total{service="events",class="5xx",)"
                            R"(method="POST",route="/v1/cohorts"} 1)"));
  EXPECT_EQ(text.find(R"(class="4xx",method="POST")"), std::string::npos);

  const std::string prefix = R"(samverkan_http_request_duration_seconds_bucket{service="events",)";
  EXPECT_TRUE(contains_line(text, prefix + get + R"(,le="0.005"} 2)")) << text;
  EXPECT_TRUE(contains_line(text, prefix + get + R"(,le="0.05"} 3)"));
  EXPECT_TRUE(contains_line(text, prefix + get + R"(,le="10"} 3)"));
  EXPECT_TRUE(contains_line(text, prefix + get + R"(,le="+Inf"} 3)"));
  EXPECT_TRUE(contains_line(
      text, R"(samverkan_http_request_duration_seconds_count{service="events",)" + get + "} 3"));
  const std::string post = R"(method="POST",route="/v1/cohorts")";
  EXPECT_TRUE(contains_line(text, prefix + post + R"(,le="1"} 0)"));
  EXPECT_TRUE(contains_line(text, prefix + post + R"(,le="2.5"} 1)"));
  // The configured buckets, and no others.
  const std::regex le_pattern(
      R"re(samverkan_http_request_duration_seconds_bucket\{[^}]*route="/v1/cohorts",le="([^"]+)"\})re");
  std::vector<std::string> bounds;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), le_pattern);
       it != std::sregex_iterator(); ++it) {
    bounds.push_back((*it)[1]);
  }
  EXPECT_EQ(bounds, (std::vector<std::string>{"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                                              "0.5", "1", "2.5", "5", "10", "+Inf"}));
}

TEST(Metrics, DeclaredConsumerShowsZeroSeriesBeforeAnyFailure) {
  Metrics metrics("attendance");
  metrics.declare_consumer("attendance");
  const std::string text = metrics.serialize();
  expect_valid_exposition(text);
  for (
      const char* line :
      {R"(samverkan_events_dead_lettered_total{service="attendance",consumer="attendance",reason="malformed"} 0)",
       R"(samverkan_events_dead_lettered_total{service="attendance",consumer="attendance",reason="handler"} 0)",
       R"(samverkan_events_failed_total{service="attendance",consumer="attendance",reason="unavailable"} 0)"}) {
    EXPECT_NE(text.find(line), std::string::npos) << line;
  }
}

TEST(Metrics, EventCountersAndGauges) {
  Metrics metrics("reporting");
  metrics.event_produced("samverkan.registry", "CohortCreated");
  metrics.event_produced("samverkan.registry", "CohortCreated");
  metrics.event_consumed("reporting-projector", "CohortCreated", 3ms);
  metrics.event_failed("reporting-projector", "db_unavailable");
  metrics.event_failed("reporting-projector", "db_unavailable");
  metrics.event_failed("reporting-projector", "db_unavailable");
  metrics.event_dead_lettered("reporting-projector", "invalid_payload");
  metrics.set_outbox(12, 3.5);
  metrics.set_consumer_lag("reporting-projector", "samverkan.registry", 42);
  metrics.set_db_pool(3, 10);
  const std::string text = metrics.serialize();
  expect_valid_exposition(text);

  for (
      const char* line : {
          R"(samverkan_events_produced_total{service="reporting",topic="samverkan.registry",type="CohortCreated"} 2)",
          R"(samverkan_events_consumed_total{service="reporting",consumer="reporting-projector",type="CohortCreated"} 1)",
          R"(samverkan_event_handling_duration_seconds_count{service="reporting",consumer="reporting-projector",type="CohortCreated"} 1)",
          R"(samverkan_event_handling_duration_seconds_bucket{service="reporting",consumer="reporting-projector",type="CohortCreated",le="0.0025"} 0)",
          R"(samverkan_event_handling_duration_seconds_bucket{service="reporting",consumer="reporting-projector",type="CohortCreated",le="0.005"} 1)",
          R"(samverkan_events_failed_total{service="reporting",consumer="reporting-projector",reason="db_unavailable"} 3)",
          R"(samverkan_events_dead_lettered_total{service="reporting",consumer="reporting-projector",reason="invalid_payload"} 1)",
          R"(samverkan_outbox_backlog_events{service="reporting"} 12)",
          R"(samverkan_outbox_oldest_age_seconds{service="reporting"} 3.5)",
          R"(samverkan_consumer_lag_messages{service="reporting",consumer="reporting-projector",topic="samverkan.registry"} 42)",
          R"(samverkan_db_pool_connections_in_use{service="reporting"} 3)",
          R"(samverkan_db_pool_connections_max{service="reporting"} 10)",
      }) {
    EXPECT_TRUE(contains_line(text, line)) << line << "\n---\n" << text;
  }
}

TEST(Metrics, LabelValuesAreEscaped) {
  Metrics metrics("svc");
  metrics.event_failed("c", "bad \"quote\"\nline");
  const std::string text = metrics.serialize();
  expect_valid_exposition(text);
  EXPECT_TRUE(contains_line(
      text,
      R"(samverkan_events_failed_total{service="svc",consumer="c",reason="bad \"quote\"\nline"} 1)"))
      << text;
}

TEST(Metrics, ConcurrentObservationsAreAllCounted) {
  Metrics metrics("svc");
  const http::Observer observe = metrics.http_observer();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        observe("/v1/x", http::Method::Get, 200, 1ms);
        metrics.event_consumed("c", "T", 1ms);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string text = metrics.serialize();
  EXPECT_TRUE(contains_line(
      text,
      R"(samverkan_http_requests_total{service="svc",code="200",method="GET",route="/v1/x"} 2000)"))
      << text;
  EXPECT_TRUE(contains_line(
      text, R"(samverkan_events_consumed_total{service="svc",consumer="c",type="T"} 2000)"));
}

// The handles are cached per route, method, code and type: threads meeting the same new series
// at once must still end up counting into one series each.
TEST(Metrics, CachedHandlesKeepSeriesApartUnderConcurrentFirstUse) {
  Metrics metrics("svc");
  const http::Observer observe = metrics.http_observer();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        const std::string route = "/v1/r" + std::to_string(i % 10);
        observe(route, i % 2 == 0 ? http::Method::Get : http::Method::Put, i % 3 == 0 ? 500 : 200,
                1ms);
        metrics.event_produced("topic" + std::to_string(i % 2), "T");
      }
    });
  }
  for (auto& thread : threads) thread.join();
  const std::string text = metrics.serialize();
  expect_valid_exposition(text);
  // i in [0, 300) with i % 10 == 0: 30 per thread, all GET (even), 10 of them (i % 3 == 0) a 500.
  EXPECT_TRUE(contains_line(
      text,
      R"(samverkan_http_requests_total{service="svc",code="200",method="GET",route="/v1/r0"} 80)"))
      << text;
  EXPECT_TRUE(contains_line(
      text,
      R"(samverkan_http_requests_total{service="svc",code="500",method="GET",route="/v1/r0"} 40)"));
  EXPECT_TRUE(contains_line(
      text,
      R"(samverkan_http_request_errors_total{service="svc",class="5xx",method="GET",route="/v1/r0"} 40)"));
  EXPECT_EQ(text.find(R"(method="PUT",route="/v1/r0")"), std::string::npos);
  EXPECT_TRUE(contains_line(
      text,
      R"(samverkan_http_request_duration_seconds_count{service="svc",method="PUT",route="/v1/r1"} 120)"));
  EXPECT_TRUE(contains_line(
      text, R"(samverkan_events_produced_total{service="svc",topic="topic0",type="T"} 600)"));
  EXPECT_TRUE(contains_line(
      text, R"(samverkan_events_produced_total{service="svc",topic="topic1",type="T"} 600)"));
}

}  // namespace
}  // namespace samverkan::metrics
