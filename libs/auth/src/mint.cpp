#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <samverkan/auth/verifier.hpp>

#include "jwt_handle.hpp"

namespace samverkan::auth {
namespace {

void check(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string("auth: could not ") + what);
}

}  // namespace

std::string mint(const MintOptions& options) {
  if (options.key.empty()) throw std::invalid_argument("auth: signing key is empty");

  jwt_t* raw = nullptr;
  check(jwt_new(&raw), "create token");
  detail::JwtPtr jwt(raw);

  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  check(jwt_add_grant(jwt.get(), "sub", options.subject.c_str()), "set sub");
  check(jwt_add_grant(jwt.get(), "fed", options.federation.c_str()), "set fed");
  check(jwt_add_grant(jwt.get(), "aud", options.audience.c_str()), "set aud");
  if (!options.organisation.empty()) {
    check(jwt_add_grant(jwt.get(), "org", options.organisation.c_str()), "set org");
  }
  check(jwt_add_grant_int(jwt.get(), "iat", static_cast<long>(now)), "set iat");
  check(jwt_add_grant_int(jwt.get(), "exp", static_cast<long>(options.expires_at)), "set exp");

  // jwt_add_grant only takes strings; arrays go through jwt_add_grants_json as an object.
  boost::json::array roles;
  for (Role role : options.roles) roles.emplace_back(to_string(role));
  const std::string roles_json = boost::json::serialize(boost::json::object{{"roles", roles}});
  check(jwt_add_grants_json(jwt.get(), roles_json.c_str()), "set roles");

  check(jwt_set_alg(jwt.get(), detail::to_jwt_alg(options.algorithm == Algorithm::RS256),
                    reinterpret_cast<const unsigned char*>(options.key.data()),
                    static_cast<int>(options.key.size())),
        "set signing key");
  detail::CString token(jwt_encode_str(jwt.get()));
  if (!token) throw std::runtime_error("auth: could not sign token");
  return token.get();
}

}  // namespace samverkan::auth
