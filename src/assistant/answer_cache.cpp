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

}  // namespace sanad::assistant
