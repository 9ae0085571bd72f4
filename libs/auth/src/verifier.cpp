#include <boost/json/parse.hpp>
#include <cctype>
#include <cmath>
#include <mutex>
#include <optional>
#include <samverkan/auth/verifier.hpp>
#include <shared_mutex>
#include <string_view>
#include <unordered_map>

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

// exp or nbf of claims that principal_from_claims accepted, so numeric when present.
std::optional<double> numeric_date(const boost::json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(name);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return static_cast<double>(value->get_int64());
  if (value->is_uint64()) return static_cast<double>(value->get_uint64());
  if (value->is_double() && std::isfinite(value->get_double())) return value->get_double();
  return std::nullopt;
}

}  // namespace

// Verified tokens and their Principal, with the time bounds that still apply to them. The key is
// the whole token, signature included, so only the very token that was verified can hit.
class Verifier::Cache {
 public:
  explicit Cache(std::size_t capacity) : capacity_(capacity) {}

  struct Entry {
    Principal principal;
    double expires;                    // exp
    std::optional<double> not_before;  // nbf
  };

  // The cached Principal, if the token is cached and its time bounds hold at now; throws the same
  // AuthError as a fresh verification when they no longer do.
  std::optional<Principal> find(const std::string& token, double now, double leeway) {
    std::shared_lock lock(mutex_);
    const auto found = entries_.find(token);
    if (found == entries_.end()) return std::nullopt;
    // The same checks, in the same order and words, as principal_from_claims.
    if (now > found->second.expires + leeway) throw AuthError("token expired");
    if (found->second.not_before && now + leeway < *found->second.not_before) {
      throw AuthError("token not yet valid");
    }
    return found->second.principal;
  }

  void add(const std::string& token, Entry entry, double now, double leeway) {
    if (capacity_ == 0) return;
    std::unique_lock lock(mutex_);
    if (entries_.size() >= capacity_) {
      std::erase_if(entries_, [&](const auto& e) { return now > e.second.expires + leeway; });
      // Still full of live tokens: make room by dropping any one; it is verified again if used.
      if (entries_.size() >= capacity_) entries_.erase(entries_.begin());
    }
    entries_.insert_or_assign(token, std::move(entry));
  }

 private:
  std::size_t capacity_;
  std::shared_mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
};

Verifier::Verifier(VerifierConfig config)
    : config_(std::move(config)), cache_(std::make_shared<Cache>(config_.cache_capacity)) {
  if (config_.key.empty()) throw std::invalid_argument("auth: verifier key is empty");
  if (config_.audience.empty()) throw std::invalid_argument("auth: verifier audience is empty");
}

std::int64_t Verifier::now() const {
  if (config_.clock) return config_.clock();
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Principal Verifier::verify(const std::string& token) const {
  const auto at = now();
  const auto leeway = static_cast<double>(config_.leeway.count());
  if (auto cached = cache_->find(token, static_cast<double>(at), leeway)) return std::move(*cached);
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

  const boost::json::object claims = decode_claims(jwt.get());
  Principal principal =
      detail::principal_from_claims(claims, {config_.audience, config_.leeway, at});
  if (const auto expires = numeric_date(claims, "exp")) {
    cache_->add(token, {principal, *expires, numeric_date(claims, "nbf")}, static_cast<double>(at),
                leeway);
  }
  return principal;
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
