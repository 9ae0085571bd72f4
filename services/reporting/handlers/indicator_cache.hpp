#pragma once
// Indicator answers kept in process (ADR 0080). Each is labelled with its federation's projection
// change count at the time it was computed; a lookup with any other count misses, so an answer is
// served only while none of the rows behind it changed. Bounded in bytes: the oldest answers go
// first, and an answer larger than the bound is not kept.
#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace samverkan::reporting {

class IndicatorCache {
 public:
  explicit IndicatorCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // key names the federation first, then everything else the answer depends on.
  [[nodiscard]] std::optional<std::string> find(const std::string& key, std::int64_t changes) const;
  void store(const std::string& key, std::int64_t changes, std::string body);
  [[nodiscard]] std::size_t bytes() const;
  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    std::int64_t changes;
    std::string body;
    std::list<std::string>::iterator age;  // position in oldest_first
  };
  void erase(std::map<std::string, Entry, std::less<>>::iterator it);

  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::list<std::string> oldest_first_;
  std::size_t bytes_ = 0;
};

}  // namespace samverkan::reporting
