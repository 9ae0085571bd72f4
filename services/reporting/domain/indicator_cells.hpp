#pragma once
// The participants behind one indicator cell (drill-down, issue 9 §4, ADR 0078). A person is in a
// cell exactly when the indicators computed from that person's own rows count them there, so the
// listed people always add up to the cell's count without a second copy of the indicator rules.
// Free of HTTP and SQL.
#include <optional>
#include <string>
#include <vector>

#include "indicators.hpp"

namespace samverkan::reporting {

// A gender row ("woman", "man", "non_binary" or "total") and at most one column of it: an
// employment status, an age band or an education level (none: the row's total).
struct IndicatorCell {
  enum class Axis { Total, Employment, Age, Education };
  std::string gender = "total";
  Axis axis = Axis::Total;
  std::string column;  // a kEmployment, kAgeBands or kEducation name; empty for Total
};

struct CellQuery {
  std::optional<std::string> gender, employment_status, age_band, education_level;
};

// The cell a query names, or the name of the parameter that is wrong (an unknown value, or more
// than one column given: reported on the second).
struct ParsedCell {
  std::optional<IndicatorCell> cell;
  std::string bad_parameter;
};
ParsedCell parse_cell(const CellQuery& query);

// The cell's figure in computed indicators.
const Figure& figure_of(const Indicators& indicators, const IndicatorCell& cell);

// The participant ids the cell counts for the period, in id order.
std::vector<std::string> cell_members(const std::vector<IndicatorPerson>& people,
                                      const IndicatorQuery& query, const IndicatorCell& cell);

}  // namespace samverkan::reporting
