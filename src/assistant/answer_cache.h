#pragma once
// Answers already given: the same question, asked with the same permission set,
// against the same index version (and the same provider) gets the stored answer.
// The index version is part of the key, so an answer is never served once the
// index has moved. The key and the stored value; the AnswerCache interface.

#include <cstdint>
#include <optional>
#include <string>
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

// Where answers are kept: the in-process LRU (lru_answer_cache.h) or Redis shared
// by every instance (redis_answer_cache.h). Implementations are thread-safe and
// never fail a request: a cache that cannot answer is a miss, one that cannot
// store forgets.
class AnswerCache {
 public:
  virtual ~AnswerCache() = default;

  // The answer stored under `key` (a full answer_cache_key()), or nullopt.
  virtual std::optional<CachedAnswer> get(const std::string& key) = 0;
  // Stores `answer` under `key`, replacing any earlier one.
  virtual void put(const std::string& key, CachedAnswer answer) = 0;
};

}  // namespace sanad::assistant
