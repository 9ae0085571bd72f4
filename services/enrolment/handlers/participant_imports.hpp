#pragma once
#include <samverkan/runtime/service.hpp>

namespace samverkan::enrolment {
// POST /v1/organisations/{id}/participants/imports (ADR 0062)
void add_participant_import_routes(runtime::Service& service);
}  // namespace samverkan::enrolment
