#pragma once
// Extra librdkafka settings for a real cluster (TLS, SASL, client ids...), read from a
// "key=value" file such as a mounted Kubernetes Secret. The settings Samverkan's guarantees rest
// on (idempotence, acks, manual commits, the group id) cannot be overridden.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace samverkan::kafka {

using Properties = std::vector<std::pair<std::string, std::string>>;

// Parses "key=value" lines; blank lines and lines starting with '#' are skipped, spaces around key
// and value trimmed. Throws std::invalid_argument naming the line number (never its value, which
// may be a password) for a malformed line or a protected key.
Properties parse_properties(const std::string& text);
Properties read_properties(const std::filesystem::path& file);

// True for the keys parse_properties refuses.
bool is_protected(const std::string& key);

}  // namespace samverkan::kafka
