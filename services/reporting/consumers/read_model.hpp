#pragma once
// The read model's event handlers by event type: the consumer registers them, and the property
// test feeds events through the very same functions.
#include <samverkan/events/inbox_consumer.hpp>
#include <string>
#include <utility>
#include <vector>

namespace samverkan::reporting {

const std::vector<std::pair<std::string, events::EventHandler>>& read_model_handlers();

}  // namespace samverkan::reporting
