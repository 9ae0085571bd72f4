#pragma once
// GET /v1/audit and GET /v1/audit/verify, registered by every service for its own audit chain.
#include <samverkan/runtime/service.hpp>
#include <string>

namespace samverkan::runtime {

void add_audit_routes(Service& service, const std::string& service_name);

}  // namespace samverkan::runtime
