#pragma once
// Composes one Samverkan service from the libraries, so each main.cpp only names its routes and
// event handlers. Reads its settings from the environment (docs/ARCHITECTURE.md lists them),
// applies migrations, and runs the HTTP server, the outbox relay and the inbox consumer until
// SIGTERM, then stops them in order: stop taking requests, drain, stop relay and consumer.
#include <samverkan/auth/guard.hpp>
#include <samverkan/db/pool.hpp>
#include <samverkan/events/inbox_consumer.hpp>
#include <samverkan/events/outbox.hpp>
#include <samverkan/http/router.hpp>
#include <samverkan/metrics/metrics.hpp>
#include <samverkan/writepath/write_path.hpp>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace samverkan::runtime {

struct ServiceSpec {
  std::string name;                  // "modules": also the PostgreSQL schema and SQL folder
  std::vector<std::string> consumes;  // topics; empty: no consumer
  std::vector<db::PreparedStatement> prepared{};  // defined on every database connection
};

class Service {
 public:
  // argv[1] == "migrate" applies the migrations and makes run() return at once (for the Helm job).
  Service(ServiceSpec spec, int argc, char** argv);
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Registers an authenticated route that the given roles may call.
  void route(http::Method method, const std::string& pattern, std::set<auth::Role> roles,
             auth::SecuredHandler handler);
  void on_event(const std::string& type, events::EventHandler handler);
  // A public static file, such as the report page's HTML, CSS or JS: served without a token,
  // since the page is where the token is entered; every figure it shows comes from the
  // authenticated API. Sent with a content security policy that allows only this origin.
  void static_file(const std::string& path, std::string content_type, std::string body);

  // The one write path (libs/writepath/include/samverkan/writepath/unit_of_work.hpp): runs work in
  // one transaction with its outbox events and audit entries, handles Idempotency-Key on POST, and
  // answers with work's WriteResult. Every write route returns this.
  http::Response write(http::Request& request, const auth::Principal& who, const writepath::Work& work);

  db::Pool& db();
  const events::Outbox& outbox() const;
  // The event catalogue, e.g. for events::require_schemas<...>() at startup.
  const events::SchemaRegistry& registry() const;
  metrics::Metrics& metrics();

  // Serves until SIGTERM/SIGINT; returns the process exit code.
  int run();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Runs a service's main body, turning a startup failure into one clear log line and exit code 1.
int guarded_main(const char* service, int (*body)(int, char**), int argc, char** argv);

}  // namespace samverkan::runtime
