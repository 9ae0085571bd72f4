#pragma once
// The read model's event handlers by event type: the consumer registers them, and the property
// test feeds events through the very same functions.
#include <samverkan/events/inbox_consumer.hpp>
#include <string>
#include <utility>
#include <vector>

#include "../repo/completions.hpp"

namespace samverkan::reporting {

// sink receives every completion change, in the handler's transaction.
std::vector<std::pair<std::string, events::EventHandler>> read_model_handlers(
    repo::CompletionSink sink);

}  // namespace samverkan::reporting
