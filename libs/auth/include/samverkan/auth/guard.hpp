#pragma once
// Wraps HTTP handlers so that each request is authenticated (401 otherwise) and holds one of the
// allowed roles (403 otherwise) before the handler sees it. Its header check lets the server
// refuse a request without a valid token before reading the body (Router::check_headers).
#include <functional>
#include <initializer_list>
#include <samverkan/auth/verifier.hpp>
#include <samverkan/http/router.hpp>
#include <set>

namespace samverkan::auth {

using SecuredHandler = std::function<http::Response(http::Request&, const Principal&)>;

class Guard {
 public:
  explicit Guard(const Verifier& verifier) : verifier_(verifier) {}
  [[nodiscard]] http::Handler require(std::set<Role> allowed, SecuredHandler handler) const;
  // For Router::set_header_check, with routes added as http::Access::Authenticated: verifies the
  // bearer token (401 if it fails). Only an early exit: require() still checks everything.
  [[nodiscard]] http::HeaderCheck header_check() const;

 private:
  const Verifier& verifier_;
};

}  // namespace samverkan::auth
