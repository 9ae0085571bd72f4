#include <samverkan/auth/guard.hpp>
#include <samverkan/http/problem.hpp>

namespace samverkan::auth {

namespace {
Principal authenticate(const Verifier& verifier, const http::Request& request) {
  try {
    return verifier.verify_header(request.header("authorization"));
  } catch (const AuthError& e) {
    throw http::Problem::unauthorized(e.what());
  }
}
}  // namespace

http::HeaderCheck Guard::header_check() const {
  const Verifier* verifier = &verifier_;
  return [verifier](const http::Request& request) { (void)authenticate(*verifier, request); };
}

http::Handler Guard::require(std::set<Role> allowed, SecuredHandler handler) const {
  // Capture the verifier, not this: routes often outlive a Guard built as a temporary.
  const Verifier* verifier = &verifier_;
  return [verifier, allowed = std::move(allowed),
          handler = std::move(handler)](http::Request& request) -> http::Response {
    const Principal principal = authenticate(*verifier, request);
    bool permitted = false;
    for (Role role : allowed) permitted = permitted || principal.has(role);
    if (!permitted) throw http::Problem::forbidden("role not permitted");
    return handler(request, principal);
  };
}

}  // namespace samverkan::auth
