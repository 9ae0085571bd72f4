#pragma once
// Helpers for building tokens the public API would never produce.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace samverkan::auth::testing {

inline constexpr const char* kSecret = "0123456789abcdef0123456789abcdef";
inline constexpr const char* kAudience = "samverkan";

std::int64_t now_seconds();
std::string base64url(std::string_view bytes);

// Signs an arbitrary claims object (JSON text) with HS256.
std::string sign_hs256(const std::string& claims_json, const std::string& secret);

struct RsaKeyPair {
  std::string private_pem;
  std::string public_pem;
};
// A fresh 2048-bit key pair, generated in-process with OpenSSL EVP.
RsaKeyPair generate_rsa_key_pair();

}  // namespace samverkan::auth::testing
