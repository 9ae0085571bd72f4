#pragma once
// Which form of an export a caller asked for and may take (issue 9 §3):
//   ?separator=comma|semicolon  ?variant=full|pseudonymised  ?names=true|false
// full: participant ids; pseudonymised: their keyed pseudonyms; names=true: the full variant
// with a name column. federation_admin may take every form of every row; an org_coordinator every
// form of their own organisation's rows only; funder_auditor the pseudonymised form only (no
// names: funders.md says exports that do not need names use the pseudonym).
#include <optional>
#include <samverkan/http/message.hpp>
#include <string>

#include "../domain/exports.hpp"
#include "routes.hpp"

namespace samverkan::reporting {

struct ExportVariant {
  ExportFormat format;  // names stays unset: the caller loads them when names is true
  bool names = false;
  std::optional<std::string> organisation;  // set: only this organisation's rows
};

// Throws http::Problem: 400 for a malformed query, 403 for a form the role may not take, 503 for
// the pseudonymised form without a key.
ExportVariant read_export_variant(const http::Request& req, const auth::Principal& who,
                                  const Pseudonymiser* pseudonymiser);

// The query parameter, or fallback when absent.
std::string query_or(const http::Request& req, const char* name, const char* fallback);

}  // namespace samverkan::reporting
