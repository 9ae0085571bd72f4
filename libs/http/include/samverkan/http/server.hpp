#pragma once
// HTTP/1.1 server on Boost.Beast (kept inside this library's sources): keep-alive, a body limit,
// a header limit, header and request deadlines, a connection cap overall and per client, a
// refusal before the body when the headers already decide it (Router::check_headers), and
// graceful shutdown that drains in-flight requests.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <samverkan/http/router.hpp>
#include <string>
#include <vector>

namespace samverkan::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 0;  // 0 picks a free port; see Server::port()
  // Handlers run on `threads` worker threads (they block on the database, so more than the core
  // count helps); sockets are served by `io_threads`. Requests for inline_paths are answered on
  // the I/O threads themselves, so liveness probes and metric scrapes still answer when every
  // worker is blocked.
  int threads = 4;
  int io_threads = 2;
  std::vector<std::string> inline_paths{"/healthz", "/metrics"};
  std::size_t body_limit = std::size_t{1024} * 1024;  // larger bodies get 413
  // Open connections beyond this get 503 and are closed: with the body limit it bounds the memory
  // that clients, authenticated or not, can pin (256 x 1 MiB).
  std::size_t max_connections = 256;
  // Connections from one remote address beyond this get 429 and are closed, so one client cannot
  // take every slot above. Behind a proxy or ingress every client arrives from the proxy's
  // address: there the limit applies per proxy instance.
  std::size_t max_connections_per_client = 32;
  std::size_t header_limit = std::size_t{8} * 1024;  // larger headers get 431
  // Both deadlines count from the accept (first request) or the request's first byte (later
  // keep-alive requests), and reading does not move them: a client that trickles a byte at a
  // time is cut off, its connection closed. The request line and headers must be in within
  // header_timeout, the whole request within read_timeout.
  std::chrono::milliseconds header_timeout{10000};
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds keep_alive_timeout{60};  // idle connection is closed after this
  // Streamed responses (Response::stream): the producer's output goes out in pieces of about
  // stream_piece_bytes, and at most stream_buffer_bytes of it wait unsent per response (the
  // producer blocks beyond that). The whole response must be sent within stream_timeout, else the
  // connection is closed and the producer stopped.
  std::size_t stream_piece_bytes = std::size_t{64} * 1024;
  std::size_t stream_buffer_bytes = std::size_t{256} * 1024;
  std::chrono::seconds stream_timeout{600};
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts accepting on background threads. Throws if the port cannot be bound.
  void start();
  [[nodiscard]] std::uint16_t port() const;
  // Stops accepting, lets in-flight requests finish (up to grace), closes idle connections, joins.
  void stop(std::chrono::seconds grace = std::chrono::seconds(10));
  // The most unsent bytes one streamed response held at any time since start: the bound the
  // options promise, observable.
  [[nodiscard]] std::size_t stream_bytes_peak() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Blocks until SIGTERM or SIGINT arrives (SIGPIPE is ignored). Used by main() to know when to stop.
// It installs async-signal-safe handlers for the duration of the call rather than masking signals,
// so it works whichever thread the kernel delivers to and main() needs no signal setup. A signal
// that arrives before the call still ends the process; after it returns the default action is
// restored, so a second signal during the graceful drain ends the process at once.
void wait_for_termination_signal();

}  // namespace samverkan::http
