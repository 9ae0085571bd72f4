#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace samverkan::kafka {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct OutMessage {
  std::string topic;
  std::string key;
  std::string value;
  Headers headers;
};

struct Message {
  std::string topic;
  std::int32_t partition = 0;
  std::int64_t offset = 0;
  std::string key;
  std::string value;
  Headers headers;
  [[nodiscard]] const std::string* header(std::string_view name) const;
};

}  // namespace samverkan::kafka
