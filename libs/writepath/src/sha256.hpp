#pragma once
// SHA-256 through OpenSSL's EVP interface (docs/adr/0025).
#include <string>
#include <string_view>

namespace samverkan::writepath::detail {

// Raw 32-byte digest of the concatenation of the parts.
std::string sha256(std::initializer_list<std::string_view> parts);
std::string to_hex(std::string_view bytes);
// Throws std::invalid_argument on anything but an even number of hex digits.
std::string from_hex(std::string_view hex);

}  // namespace samverkan::writepath::detail
