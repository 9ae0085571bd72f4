#pragma once
// JWT bearer verification with libjwt: HS256 (local stack, generated secret) or RS256 (production,
// mounted public key). Checks signature, the expected alg (so "none" and alg swaps fail), exp, nbf,
// aud and the Samverkan claims. Claims: sub, fed (federation), roles (array), org (for
// org_coordinator), exp, aud.
//
// A verified token's Principal is cached (bounded, keyed by the whole token) until the token's
// exp: a client sends the same token with every request, and the signature check is the costly
// part. A cached token is still refused once expired, and before its nbf.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <samverkan/auth/principal.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace samverkan::auth {

class AuthError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;  // message is safe to return to the caller
};

enum class Algorithm { HS256, RS256 };

struct VerifierConfig {
  Algorithm algorithm = Algorithm::HS256;
  std::string key;       // HS256: the shared secret; RS256: PEM public key
  std::string audience;  // required "aud" value
  std::chrono::seconds leeway{30};
  // Verified tokens kept; 0 turns the cache off.
  std::size_t cache_capacity = 10000;
  // Seconds since the epoch; the system clock when empty. Tests set it.
  std::function<std::int64_t()> clock;
};

class Verifier {
 public:
  explicit Verifier(VerifierConfig config);
  // token is the bare JWT (no "Bearer "). Throws AuthError.
  [[nodiscard]] Principal verify(const std::string& token) const;
  // Parses an Authorization header value and verifies it. Throws AuthError.
  [[nodiscard]] Principal verify_header(const std::string& authorization) const;

 private:
  [[nodiscard]] std::int64_t now() const;
  class Cache;
  VerifierConfig config_;
  std::shared_ptr<Cache> cache_;  // thread-safe; shared by copies, which have the same config
};

struct MintOptions {
  Algorithm algorithm = Algorithm::HS256;
  std::string key;  // HS256 secret or RS256 PEM private key
  std::string audience;
  std::string subject;
  std::string federation;
  std::vector<Role> roles;
  std::string organisation;     // empty: none
  std::int64_t expires_at = 0;  // seconds since epoch
};

// Signs a token; for the dev-token tool and tests.
std::string mint(const MintOptions& options);

}  // namespace samverkan::auth
