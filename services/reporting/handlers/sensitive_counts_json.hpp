#pragma once
// The indicators' sensitive_categories member (schemas/openapi/reporting.yaml).
#include <boost/json/value.hpp>
#include <optional>

#include "../domain/indicators.hpp"
#include "../domain/sensitive_counts.hpp"

namespace samverkan::reporting {

// null without counts; else {"<category>": {"<answer>": {"count", "suppressed"}}}. In the
// pseudonymised variant a count from 1 to threshold - 1 is hidden exactly as the other cells are.
boost::json::value sensitive_counts_json(const std::optional<SensitiveCells>& cells,
                                         const std::optional<Suppression>& pseudonymised);

}  // namespace samverkan::reporting
