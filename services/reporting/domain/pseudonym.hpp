#pragma once
// Keyed pseudonyms for exports (issue 9 §3): a participant id becomes HMAC-SHA256(key, id) in hex.
// The same key gives the same pseudonym in every export, so files can be joined; without the key
// the id cannot be recovered or confirmed. The key is read from a file kept apart from the
// database (PSEUDONYM_KEY_FILE; a Kubernetes Secret in deploy).
#include <string>
#include <string_view>

namespace samverkan::reporting {

class Pseudonymiser {
 public:
  // Throws std::invalid_argument for a key shorter than 32 bytes (a guessable key could be
  // brute-forced over the participant ids).
  explicit Pseudonymiser(std::string key);
  // Reads the key from the file (its bytes, without a trailing newline). Throws
  // std::runtime_error when the file cannot be read.
  static Pseudonymiser from_file(const std::string& path);
  [[nodiscard]] std::string pseudonym(std::string_view id) const;  // 64 lowercase hex digits

 private:
  std::string key_;
};

// HMAC-SHA256 of data under key, in lowercase hex.
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

}  // namespace samverkan::reporting
