#pragma once
// JWT bearer verification with libjwt: HS256 (local stack, generated secret) or RS256 (production,
// mounted public key). Checks signature, the expected alg (so "none" and alg swaps fail), exp, nbf,
// aud and the Samverkan claims. Claims: sub, fed (federation), roles (array), org (for
// org_coordinator), exp, aud.
#include <samverkan/auth/principal.hpp>

#include <chrono>
#include <cstdint>
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
};

class Verifier {
 public:
  explicit Verifier(VerifierConfig config);
  // token is the bare JWT (no "Bearer "). Throws AuthError.
  [[nodiscard]] Principal verify(const std::string& token) const;
  // Parses an Authorization header value and verifies it. Throws AuthError.
  [[nodiscard]] Principal verify_header(const std::string& authorization) const;

 private:
  VerifierConfig config_;
};

struct MintOptions {
  Algorithm algorithm = Algorithm::HS256;
  std::string key;  // HS256 secret or RS256 PEM private key
  std::string audience;
  std::string subject;
  std::string federation;
  std::vector<Role> roles;
  std::string organisation;  // empty: none
  std::int64_t expires_at = 0;  // seconds since epoch
};

// Signs a token; for the dev-token tool and tests.
std::string mint(const MintOptions& options);

}  // namespace samverkan::auth
