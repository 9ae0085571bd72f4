// The only translation unit that includes Boost.Beast and Asio: the server and the client.
#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <cctype>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <limits>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <samverkan/http/client.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/http/server.hpp>
#include <samverkan/log/log.hpp>
#include <stdexcept>
#include <thread>

namespace samverkan::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto kAwait = asio::as_tuple(asio::use_awaitable);
// How long a rejected connection is drained so the client can read the error before the close.
constexpr std::chrono::seconds kLingerLimit{5};

Method method_of(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get:
      return Method::Get;
    case bhttp::verb::head:
      return Method::Head;
    case bhttp::verb::post:
      return Method::Post;
    case bhttp::verb::put:
      return Method::Put;
    case bhttp::verb::patch:
      return Method::Patch;
    case bhttp::verb::delete_:
      return Method::Delete;
    case bhttp::verb::options:
      return Method::Options;
    default:
      return Method::Other;
  }
}

bhttp::verb verb_of(Method method) {
  switch (method) {
    case Method::Get:
      return bhttp::verb::get;
    case Method::Head:
      return bhttp::verb::head;
    case Method::Post:
      return bhttp::verb::post;
    case Method::Put:
      return bhttp::verb::put;
    case Method::Patch:
      return bhttp::verb::patch;
    case Method::Delete:
      return bhttp::verb::delete_;
    case Method::Options:
      return bhttp::verb::options;
    case Method::Other:
      break;
  }
  throw std::invalid_argument("the client cannot send Method::Other");
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string new_request_id() {
  thread_local std::mt19937_64 engine{std::random_device{}()};
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(engine()));
  return text;
}

// Client-chosen ids end up in logs, so only short, plain tokens are echoed.
bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.';
  });
}

void log_failure(std::exception_ptr failure) {
  if (!failure) return;
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& error) {
    log::error("http connection task failed", {{"error", error.what()}});
  }
}

bool is_http_parse_error(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

// Connection-level rejections that get an answer; everything else is just closed.
std::optional<Problem> rejection_for(const error_code& ec) {
  if (ec == bhttp::error::body_limit) {
    return Problem(413, "payload-too-large", "Payload too large",
                   "The request body exceeds the size limit");
  }
  if (ec == bhttp::error::header_limit) {
    return Problem(431, "header-too-large", "Request header fields too large",
                   "The request header exceeds the size limit");
  }
  if (is_http_parse_error(ec) && ec != bhttp::error::end_of_stream &&
      ec != bhttp::error::partial_message) {
    return Problem::bad_request("The request is not valid HTTP/1.1");
  }
  return std::nullopt;
}

using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

// Method, target and headers: all there is before the body is read.
Request request_head(const bhttp::request_header<>& message, const std::string& request_id) {
  Request request;
  request.method = method_of(message.method());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    auto [it, inserted] = request.headers.emplace(lower(field.name_string()), field.value());
    // Repeated fields combine into one comma-separated value (RFC 9110 section 5.3).
    if (!inserted) it->second.append(", ").append(field.value());
  }
  request.headers["x-request-id"] = request_id;
  return request;
}

Request to_request(BeastRequest& message, const std::string& request_id) {
  Request request = request_head(message.base(), request_id);
  request.body = std::move(message.body());
  return request;
}

// The per-client limit counts connections by remote address; an IPv4 client reaching an IPv6
// socket shows up as ::ffff:a.b.c.d and counts as a.b.c.d.
std::string client_of(const tcp::endpoint& remote) {
  const auto address = remote.address();
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

template <class Message>
void fill_head(Message& out, const Response& response, unsigned version, bool keep_alive,
               const std::string& request_id) {
  const bool valid_status = response.status >= 100 && response.status <= 599;
  out.version(version);
  out.result(static_cast<unsigned>(valid_status ? response.status : 500));
  out.set(bhttp::field::server, "samverkan");
  if (!response.content_type.empty()) out.set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) out.insert(name, value);
  out.set("X-Request-Id", request_id);
  out.keep_alive(keep_alive);
}

BeastResponse to_beast(Response&& response, unsigned version, bool keep_alive,
                       const std::string& request_id) {
  BeastResponse out;
  fill_head(out, response, version, keep_alive, request_id);
  out.body() = std::move(response.body);
  out.prepare_payload();
  return out;
}

// A streamed response's pieces on their way from the producer (a worker thread) to the
// connection's coroutine (its strand). Invariants:
// - held counts the bytes queued plus the piece being written; the producer waits while adding
//   its piece would take held over limit (unless held is 0, so a piece larger than the limit
//   still goes, alone). That is the back-pressure: a slow client stalls the producer, not memory.
// - closed is set once no more pieces will be sent (write failed, deadline passed, connection
//   abandoned); the producer's next write throws StreamClosed and a producer waiting for room
//   wakes to throw it.
// - finished is set once the producer has returned or thrown; the coroutine ends the response only
//   then, and never ends the connection's task before, so stop() sees the connection busy while
//   its producer runs.
// - The coroutine sleeps on `wake` only after seeing nothing to do under the mutex; the producer
//   cancels `wake` through the strand after each change, and the strand runs that cancel only once
//   the coroutine is suspended in the wait, so no wake-up is lost.
struct StreamState {
  StreamState(const asio::any_io_executor& strand, std::size_t limit_bytes)
      : limit(limit_bytes), wake(strand) {}

  std::mutex mutex;
  std::condition_variable room;
  std::deque<std::string> pieces;
  std::size_t held = 0;
  const std::size_t limit;
  std::atomic<bool> closed{false};
  bool finished = false;
  bool failed = false;  // the producer threw something other than StreamClosed
  asio::steady_timer wake;

  void close() {
    {
      std::lock_guard lock(mutex);
      closed = true;
    }
    room.notify_all();
  }
};

void wake_coroutine(const std::shared_ptr<StreamState>& state) {
  asio::post(state->wake.get_executor(), [state] { state->wake.cancel(); });
}

// What the producer writes to: gathers small writes into pieces, hands each piece over.
class QueueSink final : public BodySink {
 public:
  QueueSink(std::shared_ptr<StreamState> state, std::size_t piece_bytes,
            std::atomic<std::size_t>& peak)
      : state_(std::move(state)), piece_bytes_(piece_bytes), peak_(peak) {}

  void write(std::string_view bytes) override {
    if (state_->closed) throw StreamClosed();
    pending_.append(bytes);
    if (pending_.size() >= piece_bytes_) flush();
  }

  void flush() {
    if (pending_.empty()) return;
    std::unique_lock lock(state_->mutex);
    state_->room.wait(lock, [&] {
      return state_->closed || state_->held == 0 || state_->held + pending_.size() <= state_->limit;
    });
    if (state_->closed) throw StreamClosed();
    state_->held += pending_.size();
    for (auto seen = peak_.load(); seen < state_->held;) {
      if (peak_.compare_exchange_weak(seen, state_->held)) break;
    }
    state_->pieces.push_back(std::exchange(pending_, std::string{}));
    lock.unlock();
    wake_coroutine(state_);
  }

 private:
  std::shared_ptr<StreamState> state_;
  std::size_t piece_bytes_;
  std::atomic<std::size_t>& peak_;
  std::string pending_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Server

struct Server::Impl {
  // A live connection as seen by stop(): closed at once while idle, left to finish while busy.
  struct Connection {
    beast::tcp_stream* stream;
    asio::any_io_executor strand;
    std::string client;  // remote address, for the per-client limit
    bool busy = false;
  };
  enum class Admission { Admitted, Stopping, ServerFull, ClientFull };

  Impl(ServerOptions opts, const Router& r) : options(std::move(opts)), router(r) {}

  ServerOptions options;
  const Router& router;

  // Declared before the io_context: coroutine frames it destroys unregister themselves here.
  std::mutex mutex;
  std::condition_variable drained;
  std::map<std::uint64_t, Connection> connections;
  // Streams in progress, so stop() can close them: a producer waiting for room in a queue whose
  // coroutine io.stop() froze mid-write would otherwise keep workers->join() waiting for ever.
  std::map<StreamState*, std::weak_ptr<StreamState>> streams;
  std::map<std::string, std::size_t, std::less<>> connections_per_client;
  std::uint64_t next_connection = 0;
  bool accepting = false;
  bool started = false;
  bool stopped = false;
  std::atomic<bool> stopping{false};
  std::uint16_t bound_port = 0;

  asio::io_context io;
  asio::strand<asio::io_context::executor_type> acceptor_strand = asio::make_strand(io);
  tcp::acceptor acceptor{acceptor_strand};
  std::vector<std::thread> threads;
  // Declared after io so it is joined first: a handler still running must finish before the
  // coroutine frames waiting for it are destroyed with the io_context.
  std::optional<asio::thread_pool> workers;

  void start();
  void stop(std::chrono::seconds grace);
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(tcp::socket socket);
  // A coroutine, not a capturing lambda: its parameter lives in the coroutine frame, which stays
  // alive until the worker has finished with it.
  asio::awaitable<Response> dispatch(Request request);
  // Sends a Response::stream response; true when the connection may serve another request.
  asio::awaitable<bool> send_streamed(beast::tcp_stream& stream, Response response,
                                      unsigned version, bool keep_alive, bool head,
                                      const std::string& request_id);
  // On a worker: runs the producer, then marks the stream finished.
  asio::awaitable<void> produce(std::shared_ptr<StreamState> state, BodyProducer producer);
  std::atomic<std::size_t> stream_peak{0};
  // Answers and closes a connection whose input is not read (any more).
  asio::awaitable<void> reject(beast::tcp_stream& stream, Response response, unsigned version,
                               const std::string& request_id);

  // Sets `id` when admitted.
  Admission register_connection(beast::tcp_stream& stream, asio::any_io_executor strand,
                                std::string client, std::uint64_t& id);
  void unregister_connection(std::uint64_t id);
  // Returns false when the server is stopping, so the connection should close.
  bool set_busy(std::uint64_t id, bool busy);
  void close_connections(bool even_busy);
};

void Server::Impl::start() {
  std::lock_guard lock(mutex);
  if (started) throw std::logic_error("http server already started");
  const std::string where = options.address + ":" + std::to_string(options.port);
  error_code ec;
  const auto address = asio::ip::make_address(options.address, ec);
  if (ec) throw std::runtime_error("invalid http listen address " + options.address);
  const tcp::endpoint endpoint{address, options.port};
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    acceptor.close(ec);
    throw std::runtime_error("cannot listen for http on " + where + ": " + ec.message());
  }
  bound_port = acceptor.local_endpoint().port();
  accepting = true;
  started = true;
  workers.emplace(static_cast<std::size_t>(std::max(1, options.threads)));
  asio::co_spawn(acceptor_strand, accept_loop(), log_failure);
  const int count = std::max(1, options.io_threads);
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([this] {
      for (;;) {
        try {
          io.run();
          return;
        } catch (const std::exception& error) {
          log::error("http io thread failed", {{"error", error.what()}});
        }
      }
    });
  }
}

asio::awaitable<void> Server::Impl::accept_loop() {
  while (true) {
    // Each connection gets its own strand, so stop() can close it from another thread safely.
    tcp::socket socket(asio::make_strand(io));
    auto [ec] = co_await acceptor.async_accept(socket, kAwait);
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) break;
    if (ec) {
      // Usually out of file descriptors: back off instead of spinning.
      log::warn("http accept failed", {{"error", ec.message()}});
      asio::steady_timer pause(acceptor_strand, std::chrono::milliseconds(100));
      co_await pause.async_wait(kAwait);
      continue;
    }
    auto strand = socket.get_executor();
    asio::co_spawn(strand, serve(std::move(socket)), log_failure);
  }
  std::lock_guard lock(mutex);
  accepting = false;
  drained.notify_all();
}

asio::awaitable<Response> Server::Impl::dispatch(Request request) {
  co_return router.dispatch(request);
}

asio::awaitable<void> Server::Impl::serve(tcp::socket socket) {
  // The first request's deadlines count from the accept: a client that connects and then
  // trickles gets no more time than one that sends at once.
  auto started = std::chrono::steady_clock::now();
  beast::tcp_stream stream(std::move(socket));
  error_code remote_ec;
  const auto remote = stream.socket().remote_endpoint(remote_ec);
  if (remote_ec) co_return;  // already gone
  const std::string client = client_of(remote);
  std::uint64_t id = 0;
  switch (register_connection(stream, stream.get_executor(), client, id)) {
    case Admission::Admitted:
      break;
    case Admission::Stopping:
      co_return;
    case Admission::ServerFull:
      log::warn("http connection refused: too many open connections",
                {{"max_connections", static_cast<std::int64_t>(options.max_connections)}});
      co_await reject(
          stream, Problem::unavailable("too many open connections; retry shortly").to_response({}),
          11, new_request_id());
      co_return;
    case Admission::ClientFull:
      // Not the address: an IP address can be personal data, and the limit names the cause.
      log::warn("http connection refused: too many open connections from one client",
                {{"max_connections_per_client",
                  static_cast<std::int64_t>(options.max_connections_per_client)}});
      co_await reject(stream,
                      Problem(429, "too-many-connections", "Too many connections",
                              "too many open connections from this client; retry shortly")
                          .to_response({}),
                      11, new_request_id());
      co_return;
  }
  struct Unregister {
    Impl* impl;
    std::uint64_t id;
    ~Unregister() { impl->unregister_connection(id); }
  } unregister{this, id};

  beast::flat_buffer buffer;
  for (bool first = true;; first = false) {
    if (!first && buffer.size() == 0) {
      // Idle between keep-alive requests: wait for the next one's first bytes.
      stream.expires_after(options.keep_alive_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kAwait);
      if (ec) co_return;
      buffer.commit(n);
    }
    if (!first) started = std::chrono::steady_clock::now();

    // Absolute deadlines: tcp_stream closes the socket when one passes, however many reads
    // succeeded before, so a byte now and then does not keep the connection.
    const auto request_deadline = started + options.read_timeout;
    stream.expires_at(std::min<std::chrono::steady_clock::time_point>(
        started + options.header_timeout, request_deadline));
    bhttp::request_parser<bhttp::string_body> parser;
    parser.body_limit(options.body_limit);
    parser.header_limit(static_cast<std::uint32_t>(
        std::min<std::size_t>(options.header_limit, std::numeric_limits<std::uint32_t>::max())));
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, parser, kAwait);
    if (ec) {
      if (auto problem = rejection_for(ec)) {
        co_await reject(stream, problem->to_response({}), 11, new_request_id());
      }
      co_return;
    }

    const auto offered_id = parser.get()["X-Request-Id"];
    const std::string request_id =
        acceptable_request_id(offered_id) ? std::string(offered_id) : new_request_id();
    const std::string_view target(parser.get().target().data(), parser.get().target().size());
    const std::string_view path = target.substr(0, target.find('?'));
    const bool is_inline = std::find(options.inline_paths.begin(), options.inline_paths.end(),
                                     path) != options.inline_paths.end();

    if (!parser.is_done() && !is_inline) {
      // A body is coming. If the headers already decide the answer (no credentials, unknown
      // route), give it now: an anonymous client must not make us read and hold a body.
      Request head = request_head(parser.get().base(), request_id);
      if (auto refusal = router.check_headers(head)) {
        co_await reject(stream, std::move(*refusal), parser.get().version(), request_id);
        co_return;
      }
    }

    stream.expires_at(request_deadline);
    if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
      bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, parser.get().version()};
      std::tie(ec, n) = co_await bhttp::async_write(stream, go_on, kAwait);
    }
    if (!ec && !parser.is_done()) {
      std::tie(ec, n) = co_await bhttp::async_read(stream, buffer, parser, kAwait);
    }
    if (ec) {
      if (auto problem = rejection_for(ec)) {
        co_await reject(stream, problem->to_response({}), 11, new_request_id());
      }
      co_return;
    }

    set_busy(id, true);
    auto& message = parser.get();
    Request request = to_request(message, request_id);
    Response response;
    if (is_inline) {
      response = router.dispatch(request);
    } else {
      // Handlers may block on the database: run them on the workers, keeping the I/O threads free.
      response = co_await asio::co_spawn(workers->get_executor(), dispatch(std::move(request)),
                                         asio::use_awaitable);
    }

    const bool keep_alive = message.keep_alive() && !stopping;
    if (response.stream) {
      const bool again =
          co_await send_streamed(stream, std::move(response), message.version(), keep_alive,
                                 message.method() == bhttp::verb::head, request_id);
      if (!again || !set_busy(id, false)) {
        stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        co_return;
      }
      continue;
    }
    auto out = to_beast(std::move(response), message.version(), keep_alive, request_id);
    stream.expires_after(options.read_timeout);
    std::tie(ec, n) = co_await bhttp::async_write(stream, out, kAwait);
    if (ec) co_return;
    if (!keep_alive || !set_busy(id, false)) {
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      co_return;
    }
  }
}

asio::awaitable<void> Server::Impl::produce(std::shared_ptr<StreamState> state,
                                            BodyProducer producer) {
  bool failed = false;
  try {
    QueueSink sink(state, options.stream_piece_bytes, stream_peak);
    producer(sink);
    sink.flush();
  } catch (const StreamClosed&) {
    // The client left or the deadline passed: the producer unwound, nothing more to do.
  } catch (const std::exception& error) {
    log::error("http streamed response failed", {{"error", error.what()}});
    failed = true;
  } catch (...) {
    log::error("http streamed response failed", {{"error", "not a std::exception"}});
    failed = true;
  }
  {
    std::lock_guard lock(state->mutex);
    state->finished = true;
    state->failed = failed;
  }
  wake_coroutine(state);
  co_return;
}

asio::awaitable<bool> Server::Impl::send_streamed(beast::tcp_stream& stream, Response response,
                                                  unsigned version, bool keep_alive, bool head,
                                                  const std::string& request_id) {
  // HTTP/1.0 knows no chunks: there the body ends with the connection.
  const bool chunked = version >= 11;
  keep_alive = keep_alive && chunked;
  bhttp::response<bhttp::empty_body> out;
  fill_head(out, response, version, keep_alive, request_id);
  if (chunked) out.chunked(true);
  // One deadline for the whole response, however it trickles: a client reading a byte now and
  // then cannot hold the producer (and its database connection) for ever.
  const auto deadline = std::chrono::steady_clock::now() + options.stream_timeout;
  stream.expires_at(deadline);
  bhttp::response_serializer<bhttp::empty_body> serializer(out);
  auto [ec, n] = co_await bhttp::async_write_header(stream, serializer, kAwait);
  if (ec) co_return false;
  if (head) co_return keep_alive;

  auto state = std::make_shared<StreamState>(stream.get_executor(), options.stream_buffer_bytes);
  // However this coroutine ends, even destroyed with the io_context at stop(), the producer must
  // not wait for room that nobody will make.
  {
    std::lock_guard lock(mutex);
    streams.emplace(state.get(), state);
  }
  struct CloseOnExit {
    Impl* impl;
    std::shared_ptr<StreamState> state;
    ~CloseOnExit() {
      state->close();
      std::lock_guard lock(impl->mutex);
      impl->streams.erase(state.get());
    }
  } close_on_exit{this, state};
  asio::co_spawn(workers->get_executor(), produce(state, std::move(response.stream)),
                 asio::detached);

  bool sending = true;  // false once the client is gone or the deadline passed
  for (;;) {
    std::optional<std::string> piece;
    bool finished = false, failed = false;
    {
      std::lock_guard lock(state->mutex);
      if (!state->pieces.empty()) {
        piece = std::move(state->pieces.front());
        state->pieces.pop_front();
      } else if (state->finished) {
        finished = true;
        failed = state->failed;
      }
    }
    if (piece) {
      if (sending) {
        stream.expires_at(deadline);
        if (chunked) {
          std::tie(ec, n) =
              co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(*piece)), kAwait);
        } else {
          std::tie(ec, n) = co_await asio::async_write(stream, asio::buffer(*piece), kAwait);
        }
        if (ec) {
          sending = false;
          state->close();
        }
      }
      {
        std::lock_guard lock(state->mutex);
        state->held -= piece->size();
      }
      state->room.notify_all();
      continue;
    }
    if (finished) {
      // A producer that failed leaves the body unended: the client must not take it as whole.
      if (!sending || failed) co_return false;
      if (chunked) {
        stream.expires_at(deadline);
        std::tie(ec, n) = co_await asio::async_write(stream, bhttp::make_chunk_last(), kAwait);
        if (ec) co_return false;
      }
      co_return keep_alive;
    }
    // Nothing to send yet: sleep until the producer hands something over or the deadline passes.
    // Once not sending, only the producer's end is awaited (it ends at its next write).
    state->wake.expires_at(sending ? deadline : std::chrono::steady_clock::time_point::max());
    auto [wait_ec] = co_await state->wake.async_wait(kAwait);
    if (!wait_ec) {
      sending = false;
      state->close();
    }
  }
}

asio::awaitable<void> Server::Impl::reject(beast::tcp_stream& stream, Response response,
                                           unsigned version, const std::string& request_id) {
  auto out = to_beast(std::move(response), version, false, request_id);
  stream.expires_after(options.read_timeout);
  auto [ec, n] = co_await bhttp::async_write(stream, out, kAwait);
  if (ec) co_return;
  // Closing with unread input would reset the connection and could destroy the response before
  // the client reads it, so read and discard until the client closes (bounded in time).
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(
      std::min<std::chrono::steady_clock::duration>(options.read_timeout, kLingerLimit));
  std::vector<char> sink(16 * 1024);
  while (!ec) std::tie(ec, n) = co_await stream.async_read_some(asio::buffer(sink), kAwait);
}

Server::Impl::Admission Server::Impl::register_connection(beast::tcp_stream& stream,
                                                          asio::any_io_executor strand,
                                                          std::string client, std::uint64_t& id) {
  std::lock_guard lock(mutex);
  if (stopping) return Admission::Stopping;  // accepted just before the acceptor closed
  if (connections.size() >= options.max_connections) return Admission::ServerFull;
  const auto [count, _] = connections_per_client.try_emplace(client, 0);
  if (count->second >= options.max_connections_per_client) {
    if (count->second == 0) connections_per_client.erase(count);  // a limit of 0 admits nobody
    return Admission::ClientFull;
  }
  ++count->second;
  id = next_connection++;
  connections.emplace(id, Connection{&stream, std::move(strand), std::move(client)});
  return Admission::Admitted;
}

void Server::Impl::unregister_connection(std::uint64_t id) {
  std::lock_guard lock(mutex);
  const auto it = connections.find(id);
  if (it != connections.end()) {
    const auto count = connections_per_client.find(it->second.client);
    if (count != connections_per_client.end() && --count->second == 0) {
      connections_per_client.erase(count);
    }
    connections.erase(it);
  }
  drained.notify_all();
}

bool Server::Impl::set_busy(std::uint64_t id, bool busy) {
  std::lock_guard lock(mutex);
  connections.at(id).busy = busy;
  return !stopping;
}

void Server::Impl::close_connections(bool even_busy) {
  std::lock_guard lock(mutex);
  for (const auto& [id, connection] : connections) {
    // Runs on the connection's strand, where its state cannot change underneath.
    asio::post(connection.strand, [this, id = id, even_busy] {
      std::lock_guard inner(mutex);
      const auto it = connections.find(id);
      if (it != connections.end() && (even_busy || !it->second.busy)) it->second.stream->close();
    });
  }
}

void Server::Impl::stop(std::chrono::seconds grace) {
  {
    std::lock_guard lock(mutex);
    if (!started || stopped) return;
    stopped = true;
    stopping = true;
  }
  asio::post(acceptor_strand, [this] {
    error_code ec;
    acceptor.close(ec);
  });
  close_connections(false);

  const auto deadline = std::chrono::steady_clock::now() + grace;
  std::unique_lock lock(mutex);
  const bool clean =
      drained.wait_until(lock, deadline, [this] { return connections.empty() && !accepting; });
  lock.unlock();
  if (!clean) {
    log::warn("http server: requests still running after the grace period, closing",
              {{"grace_seconds", static_cast<std::int64_t>(grace.count())}});
    close_connections(true);
  }
  // Leftover coroutine frames are destroyed with the io_context; a handler still blocking in a
  // thread cannot be interrupted, so join waits for it. A streaming producer is told to stop
  // first, since the coroutine that would have made room for it is about to freeze.
  {
    std::lock_guard lock(mutex);
    for (const auto& [key, weak] : streams) {
      if (auto state = weak.lock()) state->close();
    }
  }
  io.stop();
  for (auto& thread : threads) thread.join();
  threads.clear();
  if (workers) workers->join();
}

Server::Server(ServerOptions options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() { stop(); }

void Server::start() { impl_->start(); }

std::uint16_t Server::port() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->bound_port;
}

void Server::stop(std::chrono::seconds grace) { impl_->stop(grace); }

std::size_t Server::stream_bytes_peak() const { return impl_->stream_peak.load(); }

// ---------------------------------------------------------------------------------------------
// Client

struct Client::Impl {
  std::string host;
  std::uint16_t port;
  std::chrono::milliseconds timeout;
  asio::io_context io;
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool connected = false;

  // The client is blocking, but only asynchronous operations honour tcp_stream timeouts, so each
  // step starts one and runs the private io_context until it completes.
  void run() {
    io.restart();
    io.run();
  }

  [[nodiscard]] std::string where() const { return host + ":" + std::to_string(port); }

  void disconnect() {
    stream.close();
    buffer.clear();
    connected = false;
  }

  void connect() {
    tcp::resolver resolver(io);
    error_code ec;
    const auto endpoints = resolver.resolve(host, std::to_string(port), ec);
    if (ec) throw std::runtime_error("cannot resolve " + host + ": " + ec.message());
    stream.expires_after(timeout);
    stream.async_connect(endpoints, [&](error_code result, const tcp::endpoint&) { ec = result; });
    run();
    if (ec) {
      disconnect();
      throw std::runtime_error("cannot connect to " + where() + ": " + ec.message());
    }
    connected = true;
  }

  error_code exchange(BeastRequest& message, ClientResponse& out) {
    error_code ec;
    stream.expires_after(timeout);
    bhttp::async_write(stream, message, [&](error_code result, std::size_t) { ec = result; });
    run();
    if (ec) return ec;

    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(boost::none);
    parser.skip(message.method() == bhttp::verb::head);
    stream.expires_after(timeout);
    bhttp::async_read(stream, buffer, parser, [&](error_code result, std::size_t) { ec = result; });
    run();
    if (ec) return ec;

    auto& response = parser.get();
    out.status = static_cast<int>(response.result_int());
    out.content_type = std::string(response[bhttp::field::content_type]);
    for (const auto& field : response) {
      out.headers[lower(field.name_string())] = std::string(field.value());
    }
    out.body = std::move(response.body());
    if (!response.keep_alive()) disconnect();
    return {};
  }
};

Client::Client(std::string host, std::uint16_t port, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->timeout = timeout;
}

Client::~Client() = default;

ClientResponse Client::request(Method method, const std::string& target, const std::string& body,
                               const std::vector<std::pair<std::string, std::string>>& headers) {
  BeastRequest message{verb_of(method), target, 11};
  message.set(bhttp::field::host, impl_->where());
  message.set(bhttp::field::user_agent, "samverkan-client");
  for (const auto& [name, value] : headers) message.set(name, value);
  if (!body.empty() && message[bhttp::field::content_type].empty()) {
    message.set(bhttp::field::content_type, "application/json");
  }
  message.body() = body;
  message.keep_alive(true);
  message.prepare_payload();

  const bool reused = impl_->connected;
  if (!reused) impl_->connect();
  ClientResponse out;
  auto ec = impl_->exchange(message, out);
  const bool server_closed = ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
                             ec == asio::error::connection_reset || ec == asio::error::broken_pipe;
  if (ec && reused && server_closed) {
    // The server dropped the idle keep-alive connection; the request never reached a handler.
    impl_->disconnect();
    impl_->connect();
    out = ClientResponse{};
    ec = impl_->exchange(message, out);
  }
  if (ec) {
    impl_->disconnect();
    throw std::runtime_error("http request to " + impl_->where() + " failed: " + ec.message());
  }
  return out;
}

}  // namespace samverkan::http
