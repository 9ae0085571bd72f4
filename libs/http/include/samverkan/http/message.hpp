#pragma once
// Plain request/response types. No Beast here: handlers and their tests never see sockets.
#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace samverkan::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options, Other };
std::string_view to_string(Method m);

struct Request {
  Method method = Method::Get;
  std::string target;  // raw request target, e.g. "/v1/programmes?limit=10"
  std::string path;    // target without the query, percent-decoded
  std::map<std::string, std::string, std::less<>> query;
  std::map<std::string, std::string, std::less<>> params;  // path parameters from the route pattern
  // Header names are lower-cased.
  std::map<std::string, std::string, std::less<>> headers;
  std::string body;

  [[nodiscard]] std::string header(std::string_view lower_name) const;
  [[nodiscard]] const std::string& param(std::string_view name) const;  // throws if absent
};

// Where a streamed response's producer puts its body (ADR 0079). write() copies the bytes; it
// blocks while the server already holds as many unsent bytes as it may (back-pressure) and throws
// StreamClosed once the client has gone or the response's deadline has passed, so the producer
// unwinds (closing its cursor and returning its database connection) instead of producing for
// nobody.
class BodySink {
 public:
  virtual ~BodySink() = default;
  virtual void write(std::string_view bytes) = 0;
};

class StreamClosed : public std::runtime_error {
 public:
  StreamClosed() : std::runtime_error("the client is gone or the response deadline passed") {}
};

// Runs on a handler worker after the status and headers are sent, so it can no longer change
// them: whatever decides the status (404, 403, 400) belongs in the handler before it returns. An
// exception other than StreamClosed cuts the connection without ending the body, so the client
// sees an incomplete response rather than a short one that looks whole.
using BodyProducer = std::function<void(BodySink&)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set: the body is stream's output, sent with chunked transfer encoding (HTTP/1.1) or up to the
  // close (HTTP/1.0); body is ignored.
  BodyProducer stream;
};

// A JSON response with the given status.
Response json_response(int status, const boost::json::value& body);
// 201 Created with the new resource's JSON and its Location.
Response created_response(const boost::json::value& body, const std::string& location);

}  // namespace samverkan::http
