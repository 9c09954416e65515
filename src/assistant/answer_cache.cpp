#include "assistant/answer_cache.h"

#include <algorithm>

#include "core/strings.h"

#include "llm/match_text.h"

namespace sanad::assistant {

namespace {

std::string access_signature(const search::AccessFilter* access) {
  if (access == nullptr) return "none";
  if (access->all) return "all";
  std::vector<std::string> folders(access->folders.begin(), access->folders.end());
  std::vector<std::string> documents(access->documents.begin(), access->documents.end());
  std::sort(folders.begin(), folders.end());
  std::sort(documents.begin(), documents.end());
  return "folders:" + core::join(folders, ",") + ";documents:" + core::join(documents, ",");
}

}  // namespace

std::string answer_cache_key(const AnswerCacheKeyParts& parts) {
  // The parts themselves, not a digest of them: a collision must never hand an
  // answer to someone with other permissions. Parts are joined by U+001F (unit
  // separator); the two free texts come last, each part before them is plain.
  std::string key = std::to_string(parts.index_version);
  for (const std::string& part : {parts.provider, parts.language, access_signature(parts.access),
                                  llm::normalize_for_match(parts.question),
                                  llm::normalize_for_match(parts.retrieval_query)}) {
    key += '\x1f';
    key += part;
  }
  return key;
}

std::optional<CachedAnswer> AnswerCache::get(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto it = slots_.find(key);
  if (it == slots_.end()) return std::nullopt;
  order_.splice(order_.begin(), order_, it->second.position);
  return it->second.answer;
}

void AnswerCache::put(const std::string& key, CachedAnswer answer) {
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

size_t AnswerCache::size() const {
  std::lock_guard lock(mutex_);
  return slots_.size();
}

}  // namespace sanad::assistant
