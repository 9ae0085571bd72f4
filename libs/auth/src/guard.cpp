#include <samverkan/auth/guard.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::auth {

http::Handler Guard::require(std::set<Role> allowed, SecuredHandler handler) const {
  // Capture the verifier, not this: routes often outlive a Guard built as a temporary.
  const Verifier* verifier = &verifier_;
  return [verifier, allowed = std::move(allowed),
          handler = std::move(handler)](http::Request& request) -> http::Response {
    Principal principal;
    try {
      principal = verifier->verify_header(request.header("authorization"));
    } catch (const AuthError& e) {
      throw http::Problem::unauthorized(e.what());
    }
    bool permitted = false;
    for (Role role : allowed) permitted = permitted || principal.has(role);
    if (!permitted) throw http::Problem::forbidden("role not permitted");
    return handler(request, principal);
  };
}

}  // namespace samverkan::auth
