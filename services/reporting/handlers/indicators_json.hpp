#pragma once
// The indicator report's JSON (schemas/openapi/reporting.yaml, Indicators).
#include <boost/json/object.hpp>
#include <optional>
#include <string>

#include "../domain/indicators.hpp"

namespace samverkan::reporting {

struct IndicatorView {
  std::string programme_id;
  IndicatorQuery query;
  // Set: the pseudonymised variant (small cells suppressed, no participant ids).
  std::optional<Suppression> pseudonymised;
};

boost::json::object indicators_json(const Indicators& indicators, const IndicatorView& view);

}  // namespace samverkan::reporting
