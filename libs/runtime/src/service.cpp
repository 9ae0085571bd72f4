#include <samverkan/config/env.hpp>
#include <samverkan/db/errors.hpp>
#include <samverkan/db/migrate.hpp>
#include <samverkan/events/outbox_relay.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/http/server.hpp>
#include <samverkan/kafka/producer.hpp>
#include <samverkan/kafka/properties.hpp>
#include <samverkan/log/log.hpp>
#include <samverkan/runtime/service.hpp>
#include <samverkan/writepath/audit_log.hpp>

#include "audit_routes.hpp"

#include <fstream>
#include <sstream>
#include <thread>

#ifndef SAMVERKAN_DEFAULT_SCHEMAS_DIR
#define SAMVERKAN_DEFAULT_SCHEMAS_DIR "/usr/share/samverkan/schemas"
#endif

namespace samverkan::runtime {

namespace {

std::string read_file(const std::string& path, const char* what) {
  std::ifstream in(path);
  if (!in) throw config::ConfigError(std::string("cannot read ") + what + " file " + path);
  std::stringstream text;
  text << in.rdbuf();
  std::string value = text.str();
  while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
  if (value.empty()) throw config::ConfigError(std::string(what) + " file " + path + " is empty");
  return value;
}

struct Settings {
  std::string database_url, kafka_brokers, schemas_dir, http_address, log_level, deadletter_topic;
  int http_port = 0, http_threads = 0, http_max_connections = 0, db_pool_size = 0, consumer_max_attempts = 0;
  int http_max_connections_per_client = 0;
  bool migrate_on_start = true, outbox_listen = true;
  kafka::Properties kafka_properties;  // TLS, SASL and the like, for a real cluster
  std::chrono::milliseconds outbox_poll{1000};
  auth::VerifierConfig jwt;

  static Settings load() {
    config::Env env;
    Settings s;
    s.database_url = env.required("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/samverkan");
    s.kafka_brokers = env.required("KAFKA_BROKERS", "127.0.0.1:9092");
    const std::string kafka_properties_file = env.optional("KAFKA_PROPERTIES_FILE", "");
    s.schemas_dir = env.optional("SAMVERKAN_SCHEMAS_DIR", SAMVERKAN_DEFAULT_SCHEMAS_DIR);
    s.http_address = env.optional("HTTP_ADDRESS", env.production() ? "0.0.0.0" : "127.0.0.1");
    s.http_port = static_cast<int>(env.integer("HTTP_PORT", 8080, 1, 65535));
    s.http_threads = static_cast<int>(env.integer("HTTP_THREADS", 8, 1, 256));
    s.http_max_connections = static_cast<int>(env.integer("HTTP_MAX_CONNECTIONS", 256, 1, 100000));
    s.http_max_connections_per_client =
        static_cast<int>(env.integer("HTTP_MAX_CONNECTIONS_PER_CLIENT", 32, 1, 100000));
    s.db_pool_size = static_cast<int>(env.integer("DB_POOL_SIZE", 10, 2, 500));
    s.consumer_max_attempts = static_cast<int>(env.integer("CONSUMER_MAX_ATTEMPTS", 5, 1, 100));
    // The relay wakes on NOTIFY: this is its fallback poll, for a lost notification.
    s.outbox_poll = std::chrono::milliseconds(env.integer("OUTBOX_POLL_MS", 1000, 5, 60000));
    s.outbox_listen = env.optional("OUTBOX_LISTEN", "true") == "true";
    s.deadletter_topic = env.optional("DEADLETTER_TOPIC", "samverkan.deadletter");
    s.migrate_on_start = env.optional("MIGRATE_ON_START", "true") == "true";
    s.log_level = env.optional("LOG_LEVEL", "info");
    const std::string algorithm = env.optional("JWT_ALGORITHM", env.production() ? "RS256" : "HS256");
    s.jwt.audience = env.optional("JWT_AUDIENCE", "samverkan");
    std::string key_file;
    if (algorithm == "RS256") {
      s.jwt.algorithm = auth::Algorithm::RS256;
      key_file = env.required("JWT_PUBLIC_KEY_FILE", "");
    } else if (algorithm == "HS256" && !env.production()) {
      s.jwt.algorithm = auth::Algorithm::HS256;
      key_file = env.required("JWT_SECRET_FILE", "");
    } else {
      throw config::ConfigError("JWT_ALGORITHM must be RS256 in production, or HS256 in dev mode");
    }
    env.finish();
    if (key_file.empty()) throw config::ConfigError("JWT_SECRET_FILE or JWT_PUBLIC_KEY_FILE is required");
    s.jwt.key = read_file(key_file, "JWT key");
    if (!kafka_properties_file.empty()) s.kafka_properties = kafka::read_properties(kafka_properties_file);
    return s;
  }
};

}  // namespace

struct Service::Impl {
  ServiceSpec spec;
  Settings settings;
  bool migrate_only = false;
  metrics::Metrics metrics;
  events::SchemaRegistry registry;
  db::Pool pool;
  kafka::Producer producer;
  events::Outbox outbox;
  auth::Verifier verifier;
  auth::Guard guard;
  http::Router router;
  std::unique_ptr<events::InboxConsumer> consumer;
  writepath::WritePath write_path;

  Impl(ServiceSpec s, Settings st, bool migrate)
      : spec(std::move(s)),
        settings(std::move(st)),
        migrate_only(migrate),
        metrics(spec.name),
        registry(std::filesystem::path(settings.schemas_dir) / "events"),
        pool(settings.database_url, spec.name, static_cast<std::size_t>(settings.db_pool_size),
             spec.prepared),
        producer(settings.kafka_brokers, settings.kafka_properties),
        outbox(registry, "/samverkan/" + spec.name),
        verifier(settings.jwt),
        guard(verifier),
        write_path(pool, outbox, spec.name) {}
};

Service::Service(ServiceSpec spec, int argc, char** argv) {
  const bool migrate_only = argc > 1 && std::string(argv[1]) == "migrate";
  Settings settings = Settings::load();
  log::init(spec.name, settings.log_level);
  if (migrate_only || settings.migrate_on_start) {
    const std::filesystem::path sql = std::filesystem::path(settings.schemas_dir) / "sql";
    for (const auto& dir : {sql / "common", sql / spec.name}) {
      const auto result = db::migrate(settings.database_url, spec.name, dir);
      log::info("migrations checked", {{"directory", dir.filename().string()},
                                       {"applied", static_cast<std::int64_t>(result.applied.size())},
                                       {"already", static_cast<std::int64_t>(result.already)}});
    }
  }
  impl_ = std::make_unique<Impl>(std::move(spec), std::move(settings), migrate_only);
  auto& im = *impl_;
  im.router.set_observer(im.metrics.http_observer());
  // Requests to authenticated routes without a valid token get 401 before their body is read.
  im.router.set_header_check(im.guard.header_check());
  // Probes and metrics stay unauthenticated: the kubelet and Prometheus call them.
  im.router.add(http::Method::Get, "/healthz", [](http::Request&) {
    return http::Response{200, "application/json", R"({"status":"ok"})", {}};
  });
  // Ready means PostgreSQL answers: writes then land and their events wait in the outbox while
  // Kafka is away, so failing readiness for Kafka would turn its outage into a full one (ADR 0020).
  // Kafka is reported for information only, with a short check so the probe stays fast.
  im.router.add(http::Method::Get, "/readyz", [&im](http::Request&) {
    const bool db_ok = im.pool.ping();
    const bool kafka_ok = im.producer.ping(std::chrono::milliseconds(250));
    const int status = db_ok ? 200 : 503;
    return http::Response{status, "application/json",
                          std::string(R"({"database":")") + (db_ok ? "up" : "down") +
                              R"(","kafka":")" + (kafka_ok ? "up" : "down") + R"("})",
                          {}};
  });
  im.router.add(http::Method::Get, "/metrics", [&im](http::Request&) {
    im.metrics.set_db_pool(static_cast<double>(im.pool.in_use()), static_cast<double>(im.pool.size()));
    return http::Response{200, "text/plain; version=0.0.4; charset=utf-8", im.metrics.serialize(), {}};
  });
  add_audit_routes(*this, im.spec.name);
  if (!im.spec.consumes.empty()) {
    events::ConsumerOptions options{im.spec.name, im.spec.consumes, im.settings.deadletter_topic,
                                    im.settings.consumer_max_attempts};
    im.consumer = std::make_unique<events::InboxConsumer>(options, im.pool, im.settings.kafka_brokers, im.producer,
                                                          im.registry, im.metrics, im.settings.kafka_properties);
  }
}

Service::~Service() = default;

void Service::route(http::Method method, const std::string& pattern, std::set<auth::Role> roles,
                    auth::SecuredHandler handler) {
  // Database errors are logged by SQLSTATE only (their text can quote personal data). An
  // unreachable or saturated database is a 503 the client may retry (nothing was written); any
  // other database error is a plain 500. Everything else is the router's to render.
  auto logged = [handler = std::move(handler), pattern, &write_path = impl_->write_path](
                    http::Request& request, const auth::Principal& who) {
    try {
      // A POST repeating a stored Idempotency-Key is answered before the route runs (libs/writepath).
      if (auto replay = write_path.replay(request, who)) return *replay;
      return handler(request, who);
    } catch (const db::PoolTimeout&) {
      log::warn("request refused: no database connection free", {{"route", pattern}});
      throw http::Problem::unavailable("the database is busy; retry shortly");
    } catch (const pqxx::broken_connection&) {
      log::warn("request refused: database unreachable", {{"route", pattern}});
      throw http::Problem::unavailable("the database is unreachable; retry shortly");
    } catch (const pqxx::sql_error& error) {
      log::error("request failed", {{"method", http::to_string(request.method)}, {"route", pattern},
                                    {"error", db::safe_description(error)}});
      throw http::Problem(500, "internal", "Internal server error");
    }
  };
  impl_->router.add(method, pattern, impl_->guard.require(std::move(roles), std::move(logged)),
                    http::Access::Authenticated);
}

void Service::static_file(const std::string& path, std::string content_type, std::string body) {
  impl_->router.add(http::Method::Get, path,
                    [content_type = std::move(content_type), body = std::move(body)](http::Request&) {
                      return http::Response{
                          200,
                          content_type,
                          body,
                          {{"Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"},
                           {"X-Content-Type-Options", "nosniff"},
                           {"Referrer-Policy", "no-referrer"},
                           {"Cache-Control", "no-cache"}}};
                    });
}

void Service::on_event(const std::string& type, events::EventHandler handler) {
  if (!impl_->consumer) throw std::logic_error("on_event without consumed topics");
  impl_->consumer->on(type, std::move(handler));
}

http::Response Service::write(http::Request& request, const auth::Principal& who, const writepath::Work& work) {
  return impl_->write_path.run(request, who, work);
}

db::Pool& Service::db() { return impl_->pool; }
const events::Outbox& Service::outbox() const { return impl_->outbox; }
const events::SchemaRegistry& Service::registry() const { return impl_->registry; }
metrics::Metrics& Service::metrics() { return impl_->metrics; }

int Service::run() {
  auto& im = *impl_;
  if (im.migrate_only) return 0;
  events::OutboxRelay relay(im.pool, im.settings.database_url, im.spec.name, im.producer, im.metrics,
                            {im.settings.outbox_poll, im.settings.outbox_listen});
  std::jthread relay_thread([&relay](const std::stop_token& stop) { relay.run(stop); });
  // Chains the audit entries that writes insert unsealed (ADR 0026).
  writepath::AuditSealer sealer(im.pool, im.spec.name, std::chrono::milliseconds(150));
  std::jthread sealer_thread([&sealer](const std::stop_token& stop) { sealer.run(stop); });
  std::jthread consumer_thread;
  if (im.consumer) {
    consumer_thread = std::jthread([&im](const std::stop_token& stop) { im.consumer->run(stop); });
  }
  http::ServerOptions options;
  options.address = im.settings.http_address;
  options.port = static_cast<std::uint16_t>(im.settings.http_port);
  options.threads = im.settings.http_threads;  // handler workers; probes and /metrics stay on I/O threads
  options.max_connections = static_cast<std::size_t>(im.settings.http_max_connections);
  options.max_connections_per_client = static_cast<std::size_t>(im.settings.http_max_connections_per_client);
  http::Server server(options, im.router);
  server.start();
  log::info("service started", {{"port", static_cast<std::int64_t>(server.port())}});
  http::wait_for_termination_signal();
  log::info("shutting down");
  server.stop();  // drain requests first: their outbox rows are committed before the relay stops
  relay_thread.request_stop();
  relay_thread.join();
  sealer_thread.request_stop();
  sealer_thread.join();
  // One last round so events of the final requests leave before exit; the rest wait in the outbox.
  // Skipped when Kafka does not answer, so shutdown stays within the pod's grace period.
  try {
    if (im.producer.ping()) {
      relay.publish_batch();
    } else {
      log::warn("kafka unreachable at shutdown; events stay in the outbox for the next start");
    }
  } catch (const std::exception& e) {
    log::warn("final outbox round failed; events stay in the outbox", {{"error", db::safe_description(e)}});
  }
  if (consumer_thread.joinable()) {
    consumer_thread.request_stop();
    consumer_thread.join();
  }
  log::info("stopped");
  return 0;
}

int guarded_main(const char* service, int (*body)(int, char**), int argc, char** argv) {
  try {
    return body(argc, argv);
  } catch (const std::exception& e) {
    log::init(service, "info");
    log::error("startup failed", {{"error", db::safe_description(e)}});
    return 1;
  }
}

}  // namespace samverkan::runtime
