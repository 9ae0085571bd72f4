#include "export_variant.hpp"

#include <samverkan/http/problem.hpp>

namespace samverkan::reporting {

std::string query_or(const http::Request& req, const char* name, const char* fallback) {
  const auto found = req.query.find(name);
  return found == req.query.end() ? fallback : found->second;
}

ExportVariant read_export_variant(const http::Request& req, const auth::Principal& who,
                                  const Pseudonymiser* pseudonymiser) {
  std::vector<json::FieldError> errors;
  ExportVariant v;
  const auto separator = query_or(req, "separator", "comma");
  if (separator == "semicolon") {
    v.format.separator = ';';
  } else if (separator != "comma") {
    errors.push_back({"separator", "must be comma or semicolon"});
  }
  const auto variant = query_or(req, "variant", "full");
  if (variant != "full" && variant != "pseudonymised") {
    errors.push_back({"variant", "must be full or pseudonymised"});
  }
  const auto names = query_or(req, "names", "false");
  if (names != "true" && names != "false") {
    errors.push_back({"names", "must be true or false"});
  } else if (names == "true" && variant == "pseudonymised") {
    errors.push_back({"names", "the pseudonymised variant has no names"});
  }
  if (!errors.empty()) throw http::Problem::bad_request("invalid query", errors);
  v.names = names == "true";
  if (variant == "full") {
    if (who.has(Role::FederationAdmin)) return v;
    if (!who.has(Role::OrgCoordinator)) {
      throw http::Problem::forbidden("this role may take only the pseudonymised variant");
    }
    // A coordinator's ids and names: their own organisation's rows, whatever else they hold.
    v.organisation = who.organisation.value_or(auth::Principal::kNoOrganisation);
    return v;
  }
  // Coordinators see their own organisation's rows; the federation's roles every row.
  v.organisation = who.organisation_scope({Role::FederationAdmin, Role::FunderAuditor});
  if (pseudonymiser == nullptr) {
    throw http::Problem::unavailable("no pseudonym key is configured (PSEUDONYM_KEY_FILE)");
  }
  v.format.pseudonymiser = pseudonymiser;
  return v;
}

}  // namespace samverkan::reporting
