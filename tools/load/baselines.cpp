#include "baselines.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <samverkan/http/router.hpp>
#include <samverkan/http/server.hpp>
#include <thread>

namespace samverkan::load {

namespace {
// The one trivial route of the bare server: what every service route costs at least.
void add_bare_route(http::Router& router) {
  router.add(http::Method::Get, "/v1/ping", [](http::Request&) {
    return http::json_response(200, {{"ok", true}, {"service", "baseline"}});
  });
}
}  // namespace

LoadResult run_baseline_http(int connections, double seconds, std::int64_t max_requests,
                             int server_threads) {
  http::Router router;
  add_bare_route(router);
  http::ServerOptions server_options;
  server_options.address = "127.0.0.1";
  server_options.port = 0;
  server_options.threads = server_threads;
  http::Server server(server_options, router);
  server.start();

  LoadOptions options;
  options.host = "127.0.0.1";
  options.port = server.port();
  options.targets = {"/v1/ping"};
  options.connections = connections;
  options.seconds = seconds;
  options.max_requests = max_requests;
  LoadResult result;
  try {
    result = run_load(options);
  } catch (...) {
    server.stop(std::chrono::seconds(1));
    throw;
  }
  server.stop(std::chrono::seconds(2));
  return result;
}

void serve_bare(double seconds, int server_threads, const std::string& port_file) {
  http::Router router;
  add_bare_route(router);
  http::ServerOptions server_options;
  server_options.address = "127.0.0.1";
  server_options.port = 0;
  server_options.threads = server_threads;
  http::Server server(server_options, router);
  server.start();
  {
    // Written then renamed, so a reader never sees a half-written port.
    const auto partial = port_file + ".tmp";
    std::ofstream(partial) << server.port() << '\n';
    std::filesystem::rename(partial, port_file);
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  server.stop(std::chrono::seconds(2));
}

}  // namespace samverkan::load
