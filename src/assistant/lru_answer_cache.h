#pragma once
// The in-process AnswerCache: an LRU with a fixed number of entries, lost when the
// process ends and not shared between instances. The default without REDIS_URL,
// and the fallback of RedisAnswerCache while Redis is unreachable. Thread-safe.

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "assistant/answer_cache.h"

namespace sanad::assistant {

class LruAnswerCache final : public AnswerCache {
 public:
  // `capacity` 0 stores nothing.
  explicit LruAnswerCache(size_t capacity = 1024) : capacity_(capacity) {}

  std::optional<CachedAnswer> get(const std::string& key) override;
  void put(const std::string& key, CachedAnswer answer) override;
  size_t size() const;
  size_t capacity() const { return capacity_; }

 private:
  using Order = std::list<std::string>;
  struct Slot {
    CachedAnswer answer;
    Order::iterator position;
  };
  const size_t capacity_;
  mutable std::mutex mutex_;
  Order order_;  // most recently used first
  std::unordered_map<std::string, Slot> slots_;
};

}  // namespace sanad::assistant
