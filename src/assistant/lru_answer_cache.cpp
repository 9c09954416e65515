#include "assistant/lru_answer_cache.h"

namespace sanad::assistant {

std::optional<CachedAnswer> LruAnswerCache::get(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end()) return std::nullopt;
  order_.splice(order_.begin(), order_, it->second.position);
  return it->second.answer;
}

void LruAnswerCache::put(const std::string& key, CachedAnswer answer) {
  if (capacity_ == 0) return;
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it != slots_.end()) {
    it->second.answer = std::move(answer);
    order_.splice(order_.begin(), order_, it->second.position);
    return;
  }
  order_.push_front(key);
  slots_.emplace(key, Slot{std::move(answer), order_.begin()});
  while (slots_.size() > capacity_) {
    slots_.erase(order_.back());
    order_.pop_back();
  }
}

size_t LruAnswerCache::size() const {
  std::lock_guard lock(mutex_);
  return slots_.size();
}

}  // namespace sanad::assistant
