#include <boost/json/parse.hpp>
#include <cctype>
#include <samverkan/auth/verifier.hpp>
#include <string_view>

#include "claims.hpp"
#include "jwt_handle.hpp"

namespace samverkan::auth {
namespace {

// Three base64url segments with a non-empty signature. Rejects unsigned ("alg":"none") tokens
// before libjwt sees them: libjwt skips signature checks for alg none.
bool well_formed(std::string_view token) {
  const auto first = token.find('.');
  if (first == std::string_view::npos || first == 0) return false;
  const auto second = token.find('.', first + 1);
  if (second == std::string_view::npos || second == first + 1) return false;
  if (second + 1 >= token.size()) return false;
  for (char c : token) {
    const bool base64url = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    if (!base64url && c != '.') return false;
  }
  return token.find('.', second + 1) == std::string_view::npos;
}

boost::json::object decode_claims(jwt_t* jwt) {
  detail::CString text(jwt_get_grants_json(jwt, nullptr));
  if (!text) throw AuthError("invalid token");
  boost::system::error_code ec;
  boost::json::value claims = boost::json::parse(text.get(), ec);
  if (ec || !claims.is_object()) throw AuthError("invalid token");
  return std::move(claims.as_object());
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

Verifier::Verifier(VerifierConfig config) : config_(std::move(config)) {
  if (config_.key.empty()) throw std::invalid_argument("auth: verifier key is empty");
  if (config_.audience.empty()) throw std::invalid_argument("auth: verifier audience is empty");
}

Principal Verifier::verify(const std::string& token) const {
  if (!well_formed(token)) throw AuthError("invalid token");

  jwt_t* raw = nullptr;
  const int rc =
      jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(config_.key.data()),
                 static_cast<int>(config_.key.size()));
  detail::JwtPtr jwt(raw);
  if (rc != 0 || !jwt) throw AuthError("invalid token");
  // libjwt verifies with whatever alg the header names; an HS256 token "signed" with our RS256
  // public key would otherwise pass.
  if (jwt_get_alg(jwt.get()) != detail::to_jwt_alg(config_.algorithm == Algorithm::RS256)) {
    throw AuthError("invalid token");
  }

  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return detail::principal_from_claims(decode_claims(jwt.get()),
                                       {config_.audience, config_.leeway, now});
}

Principal Verifier::verify_header(const std::string& authorization) const {
  constexpr std::string_view kScheme = "bearer ";
  const std::string_view value = trim(authorization);
  if (value.size() <= kScheme.size()) throw AuthError("missing bearer token");
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i]) {
      throw AuthError("missing bearer token");
    }
  }
  const std::string_view token = trim(value.substr(kScheme.size()));
  if (token.empty()) throw AuthError("missing bearer token");
  return verify(std::string(token));
}

}  // namespace samverkan::auth
