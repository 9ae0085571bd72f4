#include <samverkan/kafka/message.hpp>

namespace samverkan::kafka {

const std::string* Message::header(std::string_view name) const {
  for (const auto& [key, value] : headers)
    if (key == name) return &value;
  return nullptr;
}

}  // namespace samverkan::kafka
