#include "assistant/lru_answer_cache.h"

#include <gtest/gtest.h>

namespace sanad::assistant {
namespace {

AnswerCacheKeyParts parts(const search::AccessFilter& access, uint64_t version, const std::string& q = "Congés ?") {
  AnswerCacheKeyParts p;
  p.question = q;
  p.retrieval_query = q;
  p.language = "fr";
  p.provider = "extractive";
  p.access = &access;
  p.index_version = version;
  return p;
}

TEST(AnswerCache, KeyDependsOnPermissionsVersionAndQuestionNotOnOrderOrCase) {
  search::AccessFilter a;
  a.folders = {"f1", "f2", "f3"};
  search::AccessFilter b;
  b.folders = {"f3", "f1", "f2"};
  search::AccessFilter c;
  c.folders = {"f1", "f2"};
  auto all = search::AccessFilter::everything();
  EXPECT_EQ(answer_cache_key(parts(a, 1)), answer_cache_key(parts(b, 1)));
  EXPECT_NE(answer_cache_key(parts(a, 1)), answer_cache_key(parts(c, 1)));
  EXPECT_NE(answer_cache_key(parts(a, 1)), answer_cache_key(parts(all, 1)));
  EXPECT_NE(answer_cache_key(parts(a, 1)), answer_cache_key(parts(a, 2)));
  EXPECT_EQ(answer_cache_key(parts(a, 1, "Congés ?")), answer_cache_key(parts(a, 1, "  congés   ? ")));
  EXPECT_NE(answer_cache_key(parts(a, 1, "Congés ?")), answer_cache_key(parts(a, 1, "Badge ?")));
  search::AccessFilter doc_only;
  doc_only.documents = {"f1"};
  search::AccessFilter folder_only;
  folder_only.folders = {"f1"};
  EXPECT_NE(answer_cache_key(parts(doc_only, 1)), answer_cache_key(parts(folder_only, 1)));
}

TEST(AnswerCache, EvictsTheLeastRecentlyUsed) {
  LruAnswerCache cache(2);
  cache.put("a", CachedAnswer{"A", {}, true});
  cache.put("b", CachedAnswer{"B", {}, true});
  ASSERT_TRUE(cache.get("a").has_value());  // a is now the most recent
  cache.put("c", CachedAnswer{"C", {}, false});
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_FALSE(cache.get("b").has_value());
  ASSERT_TRUE(cache.get("a").has_value());
  EXPECT_EQ(cache.get("a")->text, "A");
  ASSERT_TRUE(cache.get("c").has_value());
  EXPECT_FALSE(cache.get("c")->answered);
}

}  // namespace
}  // namespace sanad::assistant
