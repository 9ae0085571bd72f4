// Streamed responses (Response::stream, ADR 0079): whole bodies arrive intact, the server holds a
// bounded number of unsent bytes however slow the client, and a client that leaves or a deadline
// that passes stops the producer.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <memory>
#include <samverkan/http/client.hpp>
#include <samverkan/http/server.hpp>
#include <string>

namespace samverkan::http {
namespace {

constexpr std::size_t kLine = 1000;

// The body's n-th line: its number, padded, so a lost, doubled or reordered piece shows.
std::string line(std::size_t n) {
  std::string text = std::to_string(n);
  text.resize(kLine - 1, '.');
  return text + "\n";
}

// A client socket with a small receive buffer, so the kernel holds little on the client's side.
int connect_small(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  EXPECT_GE(fd, 0);
  const int small = 4096;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  timeval limit{20, 0};  // a safety net so a broken server fails the test instead of hanging it
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  return fd;
}

void send_all(int fd, const std::string& bytes) {
  EXPECT_EQ(::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(bytes.size()));
}

class StreamTest : public ::testing::Test {
 protected:
  StreamTest() {
    // lines/{n}: n numbered lines of kLine bytes, written one line at a time.
    router.add(Method::Get, "/lines/{n}", [](Request& r) {
      const auto n = std::stoul(r.param("n"));
      Response response{200, "text/plain", {}, {{"Content-Disposition", "attachment"}}};
      response.stream = [n](BodySink& sink) {
        for (std::size_t i = 0; i < n; ++i) sink.write(line(i));
      };
      return response;
    });
    // endless: writes until the server stops it (or 4 GiB, which no test lets it reach).
    router.add(Method::Get, "/endless", [this](Request&) {
      Response response{200, "text/plain", {}, {}};
      response.stream = [this](BodySink& sink) {
        const std::string piece(kLine, 'x');
        std::size_t written = 0;
        try {
          for (; written < (std::size_t{4} << 30); written += piece.size()) sink.write(piece);
        } catch (const StreamClosed&) {
          stopped.set_value(written);
          throw;
        }
        stopped.set_value(kNeverStopped);
      };
      return response;
    });
    router.add(Method::Get, "/fails", [](Request&) {
      Response response{200, "text/plain", {}, {}};
      response.stream = [](BodySink& sink) {
        for (std::size_t i = 0; i < 200; ++i) sink.write(line(i));
        throw std::runtime_error("the database went away");
      };
      return response;
    });
  }

  void start(ServerOptions options = {}) {
    options.port = 0;
    options.threads = 2;
    server = std::make_unique<Server>(options, router);
    server->start();
  }

  Router router;
  std::unique_ptr<Server> server;
  // Bytes the endless producer wrote before it was stopped (possibly 0: a stop can come before its
  // first write), or kNeverStopped when it wrote all 4 GiB.
  static constexpr std::size_t kNeverStopped = static_cast<std::size_t>(-1);
  std::promise<std::size_t> stopped;
};

TEST_F(StreamTest, LargeBodyArrivesIntactAndTheServerHoldsABoundedPart) {
  ServerOptions options;
  options.stream_piece_bytes = 16 * 1024;
  options.stream_buffer_bytes = 64 * 1024;
  start(options);
  constexpr std::size_t kLines = 32 * 1024;  // 32 MB
  Client client("127.0.0.1", server->port());
  const auto response = client.request(Method::Get, "/lines/" + std::to_string(kLines));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.headers.at("transfer-encoding"), "chunked");
  EXPECT_EQ(response.headers.at("content-disposition"), "attachment");
  ASSERT_EQ(response.body.size(), kLines * kLine);
  for (std::size_t i = 0; i < kLines; ++i) {
    ASSERT_EQ(response.body.compare(i * kLine, kLine, line(i)), 0) << "line " << i;
  }
  EXPECT_GT(server->stream_bytes_peak(), 0U);
  EXPECT_LE(server->stream_bytes_peak(), options.stream_buffer_bytes);
  // The connection stays usable after a chunked body.
  EXPECT_EQ(client.request(Method::Get, "/lines/3").body, line(0) + line(1) + line(2));
}

TEST_F(StreamTest, ASlowReaderStallsTheProducerNotTheServersMemory) {
  ServerOptions options;
  options.stream_piece_bytes = 8 * 1024;
  options.stream_buffer_bytes = 32 * 1024;
  start(options);
  constexpr std::size_t kLines = 16 * 1024;  // 16 MB through a 4 KiB receive buffer
  const int fd = connect_small(server->port());
  send_all(fd, "GET /lines/" + std::to_string(kLines) +
                   " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::string received;
  char chunk[1024];
  for (ssize_t n; (n = ::recv(fd, chunk, sizeof chunk, 0)) > 0;) received.append(chunk, n);
  ::close(fd);
  EXPECT_GT(received.size(), kLines * kLine);  // the body, its chunk sizes and the head
  EXPECT_NE(received.find(line(kLines - 1)), std::string::npos);
  EXPECT_TRUE(received.ends_with("\r\n0\r\n\r\n"));  // the last chunk: the body ended
  EXPECT_LE(server->stream_bytes_peak(), options.stream_buffer_bytes);
}

TEST_F(StreamTest, AClientThatLeavesStopsTheProducer) {
  start();
  const int fd = connect_small(server->port());
  send_all(fd, "GET /endless HTTP/1.1\r\nHost: x\r\n\r\n");
  std::size_t received = 0;
  char chunk[4096];
  while (received < 1024 * 1024) {
    const auto n = ::recv(fd, chunk, sizeof chunk, 0);
    ASSERT_GT(n, 0);
    received += static_cast<std::size_t>(n);
  }
  ::close(fd);
  const auto written = stopped.get_future().get();  // returns only once the producer stopped
  EXPECT_NE(written, kNeverStopped);
  EXPECT_GE(written, 512U * 1024);  // the client read 1 MiB, at most 256 KiB was left unsent
  // The worker is free again.
  Client client("127.0.0.1", server->port());
  EXPECT_EQ(client.request(Method::Get, "/lines/1").body, line(0));
}

TEST_F(StreamTest, TheDeadlineStopsAProducerWhoseClientDoesNotRead) {
  ServerOptions options;
  options.stream_timeout = std::chrono::seconds(1);
  start(options);
  const int fd = connect_small(server->port());
  send_all(fd, "GET /endless HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto written = stopped.get_future().get();  // the client never reads
  EXPECT_NE(written, kNeverStopped);
  ::close(fd);
}

TEST_F(StreamTest, StopEndsAStreamWhoseClientDoesNotRead) {
  start();
  const int fd = connect_small(server->port());
  send_all(fd, "GET /endless HTTP/1.1\r\nHost: x\r\n\r\n");
  char first[1];
  ASSERT_EQ(::recv(fd, first, 1, 0), 1);  // the response has begun
  server->stop(std::chrono::seconds(0));  // returns only once every worker is free
  // Stopped, not finished; whether its first write got out before the stop is up to the timing.
  EXPECT_NE(stopped.get_future().get(), kNeverStopped);
  ::close(fd);
}

TEST_F(StreamTest, AFailingProducerLeavesTheBodyUnended) {
  start();
  Client client("127.0.0.1", server->port());
  EXPECT_THROW(client.request(Method::Get, "/fails"), std::runtime_error);
  Client again("127.0.0.1", server->port());
  EXPECT_EQ(again.request(Method::Get, "/lines/2").body, line(0) + line(1));
}

TEST_F(StreamTest, Http10GetsTheBodyUpToTheClose) {
  start();
  const int fd = connect_small(server->port());
  send_all(fd, "GET /lines/50 HTTP/1.0\r\n\r\n");
  std::string received;
  char chunk[4096];
  for (ssize_t n; (n = ::recv(fd, chunk, sizeof chunk, 0)) > 0;) received.append(chunk, n);
  ::close(fd);
  EXPECT_EQ(received.find("Transfer-Encoding"), std::string::npos);
  std::string body;
  for (std::size_t i = 0; i < 50; ++i) body += line(i);
  EXPECT_TRUE(received.ends_with("\r\n\r\n" + body));
}

TEST_F(StreamTest, HeadSendsTheHeadAlone) {
  start();
  Client client("127.0.0.1", server->port());
  const auto response = client.request(Method::Head, "/lines/1000");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(client.request(Method::Get, "/lines/1").body, line(0));
}

}  // namespace
}  // namespace samverkan::http
