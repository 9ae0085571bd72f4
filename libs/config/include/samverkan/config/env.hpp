#pragma once
// 12-factor configuration: every setting comes from an environment variable.
// In dev mode (the default) each variable has a local-stack default; with SAMVERKAN_MODE=production
// a required variable that is missing is an error, and all errors are reported together by finish().
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace samverkan::config {

class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Env {
 public:
  Env();
  [[nodiscard]] bool production() const { return production_; }

  // Required in production; dev_default is used in dev mode.
  std::string required(const char* name, const std::string& dev_default);
  // Optional everywhere.
  std::string optional(const char* name, const std::string& fallback);
  // Optional integer within [min, max]; a malformed or out-of-range value is an error.
  std::int64_t integer(const char* name, std::int64_t fallback, std::int64_t min, std::int64_t max);
  // Throws ConfigError naming every missing or invalid variable seen so far.
  void finish() const;

 private:
  bool production_ = false;
  std::vector<std::string> errors_;
};

}  // namespace samverkan::config
