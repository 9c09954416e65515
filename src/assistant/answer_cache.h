#pragma once
// Answers already given: the same question, asked with the same permission set,
// against the same index version (and the same provider) gets the stored answer.
// An in-process LRU with a fixed number of entries; the index version is part of
// the key, so an answer is never served once the index has moved. Thread-safe.

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "assistant/answer.h"
#include "search/search_index.h"

namespace sanad::assistant {

struct CachedAnswer {
  std::string text;
  std::vector<Citation> citations;
  bool answered = false;
};

// What identifies an answer. Build it with answer_cache_key().
struct AnswerCacheKeyParts {
  std::string question;         // the standalone question as asked (normalised for the key)
  std::string retrieval_query;  // what retrieval was asked
  std::string language;
  std::string provider;         // "extractive", "anthropic", ...
  const search::AccessFilter* access = nullptr;
  uint64_t index_version = 0;
};

// A key holding every part in full (texts normalised, the permission set
// sorted, so the same set in any order gives the same key).
std::string answer_cache_key(const AnswerCacheKeyParts& parts);

class AnswerCache {
 public:
  explicit AnswerCache(size_t capacity = 1024) : capacity_(capacity) {}

  std::optional<CachedAnswer> get(const std::string& key);
  void put(const std::string& key, CachedAnswer answer);
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
