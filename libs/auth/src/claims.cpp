#include "claims.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cmath>
#include <optional>
#include <samverkan/auth/verifier.hpp>

namespace samverkan::auth::detail {
namespace {

// A NumericDate; RFC 7519 allows fractions, which only matter at the second boundary.
std::optional<double> numeric_date(const boost::json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(name);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return static_cast<double>(value->get_int64());
  if (value->is_uint64()) return static_cast<double>(value->get_uint64());
  if (value->is_double() && std::isfinite(value->get_double())) return value->get_double();
  throw AuthError("invalid token");
}

std::string non_empty_string(const boost::json::object& claims, std::string_view name) {
  const auto* value = claims.if_contains(name);
  if (value == nullptr || !value->is_string() || value->get_string().empty()) {
    throw AuthError("invalid token");
  }
  return std::string(value->get_string());
}

bool audience_matches(const boost::json::value& aud, std::string_view expected) {
  if (aud.is_string()) return aud.get_string() == expected;
  if (!aud.is_array()) return false;
  for (const auto& entry : aud.get_array()) {
    if (entry.is_string() && entry.get_string() == expected) return true;
  }
  return false;
}

}  // namespace

bool valid_federation(std::string_view text) {
  if (text.empty() || text.size() > 63) return false;
  const auto lower_or_digit = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  };
  if (!lower_or_digit(text.front())) return false;
  for (char c : text) {
    if (!lower_or_digit(c) && c != '-') return false;
  }
  return true;
}

Principal principal_from_claims(const boost::json::object& claims, const ClaimRules& rules) {
  const auto leeway = static_cast<double>(rules.leeway.count());
  const auto now = static_cast<double>(rules.now);

  const auto exp = numeric_date(claims, "exp");
  if (!exp) throw AuthError("invalid token");
  if (now > *exp + leeway) throw AuthError("token expired");
  if (const auto nbf = numeric_date(claims, "nbf"); nbf && now + leeway < *nbf) {
    throw AuthError("token not yet valid");
  }

  const auto* aud = claims.if_contains("aud");
  if (aud == nullptr || !audience_matches(*aud, rules.audience)) {
    throw AuthError("wrong audience");
  }

  Principal principal;
  principal.subject = non_empty_string(claims, "sub");
  principal.federation = non_empty_string(claims, "fed");
  if (!valid_federation(principal.federation)) throw AuthError("invalid token");

  const auto* roles = claims.if_contains("roles");
  if (roles == nullptr || !roles->is_array()) throw AuthError("invalid token");
  for (const auto& entry : roles->get_array()) {
    if (!entry.is_string()) throw AuthError("invalid token");
    // Unknown roles are ignored so that the issuer can add roles for other systems.
    if (auto role = role_from_string(entry.get_string())) principal.roles.insert(*role);
  }

  if (claims.contains("org")) principal.organisation = non_empty_string(claims, "org");
  if (principal.has(Role::OrgCoordinator) && !principal.organisation) {
    throw AuthError("invalid token");
  }
  return principal;
}

}  // namespace samverkan::auth::detail
