#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <csignal>
#include <future>
#include <memory>
#include <optional>
#include <samverkan/http/client.hpp>
#include <samverkan/http/problem.hpp>
#include <samverkan/http/server.hpp>
#include <thread>

namespace samverkan::http {
namespace {

using namespace std::chrono_literals;

// A loopback connection to the server from `source` (any 127.x.y.z address is loopback on
// Linux, so tests can play several clients).
int connect_from(std::uint16_t port, const char* source = "127.0.0.1") {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  timeval limit{10, 0};  // a safety net so a broken server fails the test instead of hanging it
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  sockaddr_in local{};
  local.sin_family = AF_INET;
  EXPECT_EQ(::inet_pton(AF_INET, source, &local.sin_addr), 1);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&local), sizeof local), 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  return fd;
}

// Everything the server sends until it closes (or the 10 s safety net passes).
std::string read_to_close(int fd) {
  std::string received;
  char chunk[4096];
  for (ssize_t n; (n = ::recv(fd, chunk, sizeof chunk, 0)) > 0;) received.append(chunk, n);
  ::close(fd);
  return received;
}

// Sends raw bytes over loopback and returns everything the server sends until it closes.
std::string raw_exchange(std::uint16_t port, const std::string& bytes,
                         const char* source = "127.0.0.1") {
  const int fd = connect_from(port, source);
  EXPECT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(bytes.size()));
  return read_to_close(fd);
}

std::size_t count_of(const std::string& text, std::string_view needle) {
  std::size_t count = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++count;
  }
  return count;
}

class ServerTest : public ::testing::Test {
 protected:
  ServerTest() {
    router.add(Method::Get, "/v1/hello/{name}", [](Request& r) {
      return json_response(200, {{"hello", r.param("name")}});
    });
    router.add(Method::Post, "/v1/echo", [](Request& r) {
      const auto body = json::parse_object(r.body);
      return json_response(201, body);
    });
    router.add(Method::Get, "/v1/slow", [this](Request&) {
      slow_entered = true;
      // Long enough that stop() certainly begins while this request is in flight.
      std::this_thread::sleep_for(300ms);
      // Too large to be written in one go, so closing the socket early would truncate it.
      return json_response(200, {{"slow", std::string(8 * 1024 * 1024, 's')}});
    });
  }

  void start(ServerOptions options = {}) {
    options.port = 0;
    options.threads = 2;
    server = std::make_unique<Server>(options, router);
    server->start();
  }

  [[nodiscard]] std::uint16_t port() const { return server->port(); }

  Router router;
  std::unique_ptr<Server> server;
  std::atomic<bool> slow_entered{false};
};

TEST_F(ServerTest, GetRoundTrip) {
  start();
  Client client("127.0.0.1", port());
  const auto response = client.request(Method::Get, "/v1/hello/v%C3%A4rld?x=1");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(boost::json::parse(response.body).at("hello"), "värld");
  EXPECT_EQ(response.headers.at("server"), "samverkan");
  EXPECT_EQ(response.headers.at("x-request-id").size(), 16u);
}

TEST_F(ServerTest, EchoesAcceptableRequestIdAndReplacesOthers) {
  start();
  Client client("127.0.0.1", port());
  auto response = client.request(Method::Get, "/v1/hello/a", {}, {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(response.headers.at("x-request-id"), "abc-123");
  response = client.request(Method::Get, "/v1/hello/a", {}, {{"X-Request-Id", "bad id{}"}});
  EXPECT_NE(response.headers.at("x-request-id"), "bad id{}");
  EXPECT_EQ(response.headers.at("x-request-id").size(), 16u);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  start();
  Client client("127.0.0.1", port());
  const auto first = client.request(Method::Get, "/v1/hello/one");
  const auto second = client.request(Method::Post, "/v1/echo", R"({"n":2})");
  EXPECT_EQ(first.status, 200);
  EXPECT_FALSE(first.headers.contains("connection"));  // HTTP/1.1 default: stays open
  EXPECT_EQ(second.status, 201);
  EXPECT_EQ(second.body, R"({"n":2})");

  // Two requests written on one raw connection get two answers on it.
  const auto raw = raw_exchange(port(),
                                "GET /v1/hello/a HTTP/1.1\r\nHost: x\r\n\r\n"
                                "GET /v1/hello/b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(count_of(raw, "HTTP/1.1 200 OK"), 2u);
  EXPECT_NE(raw.find(R"({"hello":"b"})"), std::string::npos);
}

TEST_F(ServerTest, HeadHasNoBody) {
  start();
  Client client("127.0.0.1", port());
  const auto response = client.request(Method::Head, "/v1/hello/a");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(client.request(Method::Get, "/v1/hello/b").status, 200);
}

TEST_F(ServerTest, BodyOverLimitIsPayloadTooLarge) {
  ServerOptions options;
  options.body_limit = 1024;
  start(options);
  Client client("127.0.0.1", port());
  // Far more than socket buffers hold, so the server must read it away to be heard.
  const std::string body = R"({"text":")" + std::string(8 * 1024 * 1024, 'x') + R"("})";
  const auto response = client.request(Method::Post, "/v1/echo", body);
  EXPECT_EQ(response.status, 413);
  EXPECT_EQ(response.content_type, "application/problem+json");
  EXPECT_EQ(boost::json::parse(response.body).at("type"),
            "https://samverkan.se/problems/payload-too-large");
  // The client reconnects transparently after the server closed the rejected connection.
  EXPECT_EQ(client.request(Method::Post, "/v1/echo", R"({"a":1})").status, 201);
}

TEST_F(ServerTest, HeaderOverLimitIsHeaderFieldsTooLarge) {
  start();
  Client client("127.0.0.1", port());
  const auto response =
      client.request(Method::Get, "/v1/hello/a", {}, {{"X-Padding", std::string(9 * 1024, 'p')}});
  EXPECT_EQ(response.status, 431);
  EXPECT_EQ(response.content_type, "application/problem+json");
}

TEST_F(ServerTest, MalformedJsonIsBadRequest) {
  start();
  Client client("127.0.0.1", port());
  const auto response = client.request(Method::Post, "/v1/echo", R"({"a": )");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const auto errors = boost::json::parse(response.body).at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("field"), "body");
}

TEST_F(ServerTest, MalformedHttpIsBadRequest) {
  start();
  const auto raw = raw_exchange(port(), "NOT AN HTTP REQUEST\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
  EXPECT_NE(raw.find("application/problem+json"), std::string::npos);
}

TEST_F(ServerTest, AnswersExpectContinueBeforeTheBody) {
  start();
  const auto raw = raw_exchange(port(),
                                "POST /v1/echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                "Expect: 100-continue\r\nContent-Length: 7\r\n\r\n{\"a\":1}");
  EXPECT_EQ(raw.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0), 0u) << raw;
  EXPECT_NE(raw.find("HTTP/1.1 201 Created"), std::string::npos) << raw;
}

TEST_F(ServerTest, UnknownRouteIsNotFound) {
  start();
  Client client("127.0.0.1", port());
  const auto response = client.request(Method::Delete, "/v1/nothing");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.content_type, "application/problem+json");
}

TEST_F(ServerTest, StopLetsInFlightRequestFinish) {
  start();
  ClientResponse slow;
  std::string failure;
  std::thread caller([&] {
    try {
      Client client("127.0.0.1", port());
      slow = client.request(Method::Get, "/v1/slow");
    } catch (const std::exception& error) {
      failure = error.what();
    }
  });
  while (!slow_entered) std::this_thread::sleep_for(1ms);
  server->stop();
  caller.join();
  EXPECT_EQ(failure, "");
  EXPECT_EQ(slow.status, 200);
  EXPECT_EQ(slow.headers.at("connection"), "close");
  EXPECT_EQ(slow.body.size(), 8u * 1024 * 1024 + 11);

  Client late("127.0.0.1", port());
  EXPECT_THROW(late.request(Method::Get, "/v1/hello/a"), std::runtime_error);
  server->stop();  // idempotent
}

TEST_F(ServerTest, StopClosesIdleKeepAliveConnections) {
  start();
  const auto old_port = port();
  Client client("127.0.0.1", old_port);
  EXPECT_EQ(client.request(Method::Get, "/v1/hello/a").status, 200);
  server->stop();

  // A new server on the same port: the client finds its old connection closed and reconnects.
  ServerOptions options;
  options.port = old_port;
  Server again(options, router);
  again.start();
  EXPECT_EQ(client.request(Method::Get, "/v1/hello/b").status, 200);
}

TEST_F(ServerTest, ProbesAnswerWhileEveryWorkerIsBlocked) {
  std::promise<void> entered;
  std::promise<void> release;
  auto released = release.get_future().share();
  router.add(Method::Get, "/v1/blocking", [&entered, released](Request&) {
    entered.set_value();
    released.wait();  // as a handler stuck on a database would
    return json_response(200, {{"done", true}});
  });
  router.add(Method::Get, "/healthz", [](Request&) {
    return json_response(200, {{"status", "ok"}});
  });
  ServerOptions options;
  options.port = 0;
  options.threads = 1;  // one worker, about to be blocked
  server = std::make_unique<Server>(options, router);
  server->start();

  std::thread stuck([this] {
    EXPECT_EQ(Client("127.0.0.1", port()).request(Method::Get, "/v1/blocking").status, 200);
  });
  struct Unblock {  // however the probe ends, let the stuck handler finish and join it
    std::promise<void>& release;
    std::thread& stuck;
    ~Unblock() {
      release.set_value();
      stuck.join();
    }
  } unblock{release, stuck};
  entered.get_future().wait();
  // The client's timeout only turns a hang into a failure; it asserts nothing about speed.
  Client probe("127.0.0.1", port(), 20s);
  int status = 0;
  EXPECT_NO_THROW(status = probe.request(Method::Get, "/healthz").status);
  EXPECT_EQ(status, 200);
}

TEST_F(ServerTest, ConnectionsBeyondTheLimitGet503) {
  ServerOptions options;
  options.max_connections = 1;
  start(options);
  Client first("127.0.0.1", port());
  ASSERT_EQ(first.request(Method::Get, "/v1/hello/a").status, 200);  // keeps its connection open
  const std::string refused = raw_exchange(port(), "GET /v1/hello/b HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused;
  EXPECT_NE(refused.find("application/problem+json"), std::string::npos);
  EXPECT_EQ(first.request(Method::Get, "/v1/hello/c").status, 200);  // the open one still works
}

TEST_F(ServerTest, OneClientCannotTakeEveryConnection) {
  ServerOptions options;
  options.max_connections_per_client = 2;
  start(options);
  // Two keep-alive connections from 127.0.0.1 use up its share; each answered, so registered.
  std::optional<Client> first(std::in_place, "127.0.0.1", port());
  Client second("127.0.0.1", port());
  ASSERT_EQ(first->request(Method::Get, "/v1/hello/a").status, 200);
  ASSERT_EQ(second.request(Method::Get, "/v1/hello/b").status, 200);

  const std::string refused = raw_exchange(port(), "GET /v1/hello/c HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(refused.rfind("HTTP/1.1 429", 0), 0u) << refused;
  EXPECT_NE(refused.find("application/problem+json"), std::string::npos);
  EXPECT_NE(refused.find("Retry-After: 1"), std::string::npos);

  // Another client (another loopback address) is still served, and so are the open ones.
  const std::string other = raw_exchange(
      port(), "GET /v1/hello/d HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", "127.0.0.2");
  EXPECT_EQ(other.rfind("HTTP/1.1 200", 0), 0u) << other;
  EXPECT_EQ(first->request(Method::Get, "/v1/hello/e").status, 200);

  // A closed connection gives its slot back. The server notices the close asynchronously, so
  // until then the slot may still be taken: retry (this bounds a hang, it asserts no speed).
  first.reset();
  bool served = false;
  for (int attempt = 0; attempt < 200 && !served; ++attempt) {
    const std::string reply =
        raw_exchange(port(), "GET /v1/hello/f HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    served = reply.rfind("HTTP/1.1 200", 0) == 0;
    if (!served) std::this_thread::sleep_for(50ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(ServerTest, TricklingHeadersAreCutAtTheHeaderDeadline) {
  ServerOptions options;
  options.header_timeout = 1s;
  start(options);
  const int fd = connect_from(port());
  const std::string start_line = "GET /v1/hello/a HTTP/1.1\r\nHost: x\r\nX-Slow: ";
  ASSERT_EQ(::send(fd, start_line.data(), start_line.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(start_line.size()));
  // One byte every 100 ms, each well within any per-read timeout, for ten times the deadline.
  // The server must close the connection before the headers are complete; when exactly is not
  // asserted.
  bool closed = false;
  for (int i = 0; i < 100 && !closed; ++i) {
    std::this_thread::sleep_for(100ms);
    closed = ::send(fd, "x", 1, MSG_NOSIGNAL) != 1;
    char byte = 0;
    closed = closed || ::recv(fd, &byte, 1, MSG_DONTWAIT) == 0;
  }
  EXPECT_TRUE(closed) << "the server kept a trickling connection open";
  if (!closed) {
    const std::string end = "\r\nConnection: close\r\n\r\n";
    ::send(fd, end.data(), end.size(), MSG_NOSIGNAL);
    EXPECT_EQ(read_to_close(fd).find("HTTP/1.1 200"), std::string::npos);
  } else {
    ::close(fd);
  }
  // The server itself is fine.
  Client client("127.0.0.1", port());
  EXPECT_EQ(client.request(Method::Get, "/v1/hello/b").status, 200);
}

class GuardedServerTest : public ServerTest {
 protected:
  GuardedServerTest() {
    router.set_header_check([](const Request& r) {
      if (r.header("authorization") != "Bearer good") throw Problem::unauthorized("token missing");
    });
    router.add(
        Method::Post, "/v1/secure",
        [this](Request& r) {
          ++handled;
          return json_response(201, {{"bytes", r.body.size()}});
        },
        Access::Authenticated);
  }
  std::atomic<int> handled{0};
};

TEST_F(GuardedServerTest, UnauthenticatedRequestIsRefusedBeforeItsBody) {
  start();
  // Headers only, announcing a large body that never comes: the answer must not wait for it.
  const auto raw =
      raw_exchange(port(),
                   "POST /v1/secure HTTP/1.1\r\nHost: x\r\n"
                   "Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 401", 0), 0u) << raw;
  EXPECT_NE(raw.find("WWW-Authenticate: Bearer"), std::string::npos);
  EXPECT_NE(raw.find("Connection: close"), std::string::npos);
  EXPECT_NE(raw.find("application/problem+json"), std::string::npos);
  EXPECT_EQ(handled, 0);

  // With Expect: 100-continue the client is told no before it sends anything.
  const auto expecting =
      raw_exchange(port(),
                   "POST /v1/secure HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                   "Content-Length: 1000000\r\n\r\n");
  EXPECT_EQ(expecting.rfind("HTTP/1.1 401", 0), 0u) << expecting;
  EXPECT_EQ(expecting.find("100 Continue"), std::string::npos);

  // An unknown route is answered before its body too.
  const auto unknown = raw_exchange(
      port(), "POST /v1/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n");
  EXPECT_EQ(unknown.rfind("HTTP/1.1 404", 0), 0u) << unknown;
  EXPECT_EQ(handled, 0);
}

TEST_F(GuardedServerTest, AuthenticatedRequestIsReadAndHandled) {
  start();
  Client client("127.0.0.1", port());
  const std::string body = R"({"text":")" + std::string(100000, 'x') + R"("})";
  auto response =
      client.request(Method::Post, "/v1/secure", body, {{"Authorization", "Bearer good"}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(boost::json::parse(response.body).at("bytes"), body.size());
  response = client.request(Method::Post, "/v1/secure", body, {{"Authorization", "Bearer bad"}});
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(handled, 1);
}

TEST_F(ServerTest, StartFailsClearlyWhenPortIsTaken) {
  start();
  ServerOptions options;
  options.port = port();
  Server second(options, router);
  try {
    second.start();
    FAIL() << "second server bound a taken port";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("cannot listen"), std::string::npos);
  }
}

TEST(TerminationSignal, ReturnsOnSigterm) {
  std::thread sender([] {
    // Send only once the handler is installed; before that SIGTERM would end the test process.
    struct sigaction current {};
    do {
      std::this_thread::sleep_for(1ms);
      sigaction(SIGTERM, nullptr, &current);
    } while (current.sa_handler == SIG_DFL);
    kill(getpid(), SIGTERM);
  });
  wait_for_termination_signal();
  sender.join();
  struct sigaction after {};
  sigaction(SIGTERM, nullptr, &after);
  EXPECT_EQ(after.sa_handler, SIG_DFL);
}

TEST(Client, ThrowsWhenNothingListens) {
  std::uint16_t free_port = 0;
  {
    Router router;
    Server probe(ServerOptions{}, router);
    probe.start();
    free_port = probe.port();
  }
  Client client("127.0.0.1", free_port);
  EXPECT_THROW(client.request(Method::Get, "/"), std::runtime_error);
}

}  // namespace
}  // namespace samverkan::http
