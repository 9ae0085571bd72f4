#pragma once
// The report responses as JSON text. Written by hand rather than through boost::json so hours
// keep their two decimals as written ("5.00"; a double would print as 5E0).
#include <string>

#include "../domain/reports.hpp"

namespace samverkan::reporting {

std::string progress_json(const Progress& progress);
std::string summary_json(const CohortSummary& summary);

}  // namespace samverkan::reporting
