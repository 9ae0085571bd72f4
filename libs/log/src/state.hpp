#pragma once
// Process-wide logging state shared by init() and render().
#include <string>

namespace samverkan::log::detail {

// The service name set by init(); "unknown" before that.
std::string service_name();

}  // namespace samverkan::log::detail
