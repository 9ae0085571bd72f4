#pragma once
// Wraps HTTP handlers so that each request is authenticated (401 otherwise) and holds one of the
// allowed roles (403 otherwise) before the handler sees it.
#include <samverkan/auth/verifier.hpp>
#include <samverkan/http/router.hpp>

#include <functional>
#include <initializer_list>
#include <set>

namespace samverkan::auth {

using SecuredHandler = std::function<http::Response(http::Request&, const Principal&)>;

class Guard {
 public:
  explicit Guard(const Verifier& verifier) : verifier_(verifier) {}
  [[nodiscard]] http::Handler require(std::set<Role> allowed, SecuredHandler handler) const;

 private:
  const Verifier& verifier_;
};

}  // namespace samverkan::auth
