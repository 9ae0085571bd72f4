#include "indicator_cache.hpp"

namespace samverkan::reporting {

std::optional<std::string> IndicatorCache::find(const std::string& key,
                                                std::int64_t changes) const {
  std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.changes != changes) return std::nullopt;
  return it->second.body;
}

void IndicatorCache::store(const std::string& key, std::int64_t changes, std::string body) {
  std::lock_guard lock(mutex_);
  if (const auto it = entries_.find(key); it != entries_.end()) {
    // Two requests computed the same answer at once, or an older count's answer is replaced:
    // the newer count wins (counts only rise), so a slow request cannot put back a stale answer.
    if (it->second.changes > changes) return;
    erase(it);
  }
  const std::size_t size = key.size() + body.size();
  if (size > max_bytes_) return;
  while (bytes_ + size > max_bytes_) erase(entries_.find(oldest_first_.front()));
  oldest_first_.push_back(key);
  entries_.emplace(key, Entry{changes, std::move(body), std::prev(oldest_first_.end())});
  bytes_ += size;
}

void IndicatorCache::erase(std::map<std::string, Entry, std::less<>>::iterator it) {
  bytes_ -= it->first.size() + it->second.body.size();
  oldest_first_.erase(it->second.age);
  entries_.erase(it);
}

std::size_t IndicatorCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t IndicatorCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

}  // namespace samverkan::reporting
