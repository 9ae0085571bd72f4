#pragma once
// Validation of the decoded claim set, separate from signature checking so it reads as the
// contract: exp, nbf, aud, sub, fed, roles, org.
#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <samverkan/auth/principal.hpp>
#include <string>
#include <string_view>

namespace samverkan::auth::detail {

// ^[a-z0-9][a-z0-9-]{0,62}$
bool valid_federation(std::string_view text);

struct ClaimRules {
  std::string_view audience;
  std::chrono::seconds leeway;
  std::int64_t now;  // seconds since epoch
};

// Throws AuthError with a message that is safe to return to the caller.
Principal principal_from_claims(const boost::json::object& claims, const ClaimRules& rules);

}  // namespace samverkan::auth::detail
