#pragma once
// A small blocking HTTP/1.1 client for tools and tests (demo loader, end-to-end tests, load tool).
#include <chrono>
#include <cstdint>
#include <memory>
#include <samverkan/http/message.hpp>
#include <string>
#include <utility>
#include <vector>

namespace samverkan::http {

struct ClientResponse {
  int status = 0;
  std::string content_type;
  std::string body;
  std::map<std::string, std::string, std::less<>> headers;  // lower-cased names
};

// One keep-alive connection; reconnects once if the server closed it.
class Client {
 public:
  Client(std::string host, std::uint16_t port,
         std::chrono::milliseconds timeout = std::chrono::seconds(30));
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  ClientResponse request(Method method, const std::string& target, const std::string& body = {},
                         const std::vector<std::pair<std::string, std::string>>& headers = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace samverkan::http
