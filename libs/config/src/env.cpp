#include <charconv>
#include <cstdlib>
#include <samverkan/config/env.hpp>
#include <string_view>

namespace samverkan::config {
namespace {

// Empty counts as unset: an orchestrator that renders `FOO=` usually means "not configured".
const char* lookup(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

}  // namespace

Env::Env() {
  const char* mode = lookup("SAMVERKAN_MODE");
  if (mode == nullptr) return;
  const std::string_view text(mode);
  if (text == "production") {
    production_ = true;
  } else if (text != "dev") {
    errors_.emplace_back("SAMVERKAN_MODE must be \"dev\" or \"production\"");
  }
}

std::string Env::required(const char* name, const std::string& dev_default) {
  if (const char* value = lookup(name)) return value;
  if (production_) {
    errors_.push_back(std::string(name) + " is required in production");
    return {};
  }
  return dev_default;
}

std::string Env::optional(const char* name, const std::string& fallback) {
  const char* value = lookup(name);
  return value != nullptr ? std::string(value) : fallback;
}

std::int64_t Env::integer(const char* name, std::int64_t fallback, std::int64_t min,
                          std::int64_t max) {
  const char* value = lookup(name);
  if (value == nullptr) return fallback;
  const std::string_view text(value);
  std::int64_t parsed = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (ec != std::errc{} || end != text.data() + text.size() || parsed < min || parsed > max) {
    errors_.push_back(std::string(name) + " must be an integer between " + std::to_string(min) +
                      " and " + std::to_string(max));
    return fallback;
  }
  return parsed;
}

void Env::finish() const {
  if (errors_.empty()) return;
  std::string message = "configuration invalid: ";
  for (std::size_t i = 0; i < errors_.size(); ++i) {
    if (i > 0) message += "; ";
    message += errors_[i];
  }
  throw ConfigError(message);
}

}  // namespace samverkan::config
