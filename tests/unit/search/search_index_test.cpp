#include "search/search_index.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <thread>

namespace sanad::search {
namespace {

ChunkRecord chunk(std::string id, std::string doc, std::string folder, std::string text,
                  text::Language language = text::Language::kEnglish) {
  ChunkRecord c;
  c.chunk_id = std::move(id);
  c.document_id = std::move(doc);
  c.folder_id = std::move(folder);
  c.text = std::move(text);
  c.language = language;
  return c;
}

SearchQuery lexical(std::string text, AccessFilter access = AccessFilter::everything()) {
  SearchQuery q;
  q.text = std::move(text);
  q.mode = SearchMode::kLexical;
  q.access = std::move(access);
  return q;
}

std::vector<std::string> ids(const SearchResult& r) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.chunk_id);
  return out;
}

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(index_.add(chunk("c1", "d1", "hr", "holiday policy for employees")).is_ok());
    ASSERT_TRUE(index_.add(chunk("c2", "d2", "finance", "holiday expenses and travel policy")).is_ok());
    ASSERT_TRUE(index_.add(chunk("c3", "d3", "finance", "quarterly budget report")).is_ok());
    ASSERT_TRUE(index_.add(chunk("c4", "d4", "board", "holiday schedule of the board")).is_ok());
  }
  SearchIndex index_;
};

TEST_F(SearchIndexTest, AdminSeesEverything) {
  auto r = index_.search(lexical("holiday"));
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->hits.size(), 3u);
  EXPECT_EQ(r->mode_used, "lexical");
}

TEST_F(SearchIndexTest, FolderFilterRestrictsCandidates) {
  AccessFilter access;
  access.folders = {"finance"};
  auto r = index_.search(lexical("holiday policy", access));
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(ids(*r), std::vector<std::string>{"c2"});
}

TEST_F(SearchIndexTest, DocumentGrantAddsToFolders) {
  AccessFilter access;
  access.folders = {"hr"};
  access.documents = {"d4"};
  auto r = index_.search(lexical("holiday", access));
  ASSERT_TRUE(r.is_ok());
  auto got = ids(*r);
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, (std::vector<std::string>{"c1", "c4"}));
}

TEST_F(SearchIndexTest, EmptyFilterSeesNothing) {
  auto r = index_.search(lexical("holiday", AccessFilter{}));
  ASSERT_TRUE(r.is_ok());
  EXPECT_TRUE(r->hits.empty());
}

TEST_F(SearchIndexTest, ReplaceAndRemove) {
  ASSERT_TRUE(index_.add(chunk("c3", "d3", "finance", "holiday budget")).is_ok());
  EXPECT_EQ(index_.size(), 4u);
  auto r = index_.search(lexical("quarterly"));
  ASSERT_TRUE(r.is_ok());
  EXPECT_TRUE(r->hits.empty());
  ASSERT_TRUE(index_.remove("c1").is_ok());
  EXPECT_EQ(index_.remove("c1").code(), ErrorCode::kNotFound);
  EXPECT_EQ(index_.size(), 3u);
  r = index_.search(lexical("employees"));
  ASSERT_TRUE(r.is_ok());
  EXPECT_TRUE(r->hits.empty());
}

TEST_F(SearchIndexTest, HybridWithoutVectorsIsLexicalAndSaysSo) {
  SearchQuery q = lexical("holiday");
  q.mode = SearchMode::kHybrid;
  auto r = index_.search(q);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->mode_used, "lexical");
  EXPECT_FALSE(r->note.empty());
  EXPECT_EQ(r->hits.size(), 3u);
}

TEST(SearchIndex, VectorAndHybridModes) {
  SearchIndex index;
  auto a = chunk("a", "d", "f", "apples and pears");
  a.vector = {1, 0, 0};
  auto b = chunk("b", "d", "f", "pears only");
  b.vector = {0, 1, 0};
  auto c = chunk("c", "d", "g", "bananas");
  c.vector = {0.9f, 0.1f, 0};
  ASSERT_TRUE(index.add(a).is_ok());
  ASSERT_TRUE(index.add(b).is_ok());
  ASSERT_TRUE(index.add(c).is_ok());
  EXPECT_EQ(index.vector_count(), 3u);
  SearchQuery q;
  q.text = "pears";
  q.vector = {1, 0, 0};
  q.access = AccessFilter::everything();
  q.mode = SearchMode::kVector;
  auto r = index.search(q);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(ids(*r), (std::vector<std::string>{"a", "c", "b"}));
  q.mode = SearchMode::kHybrid;
  r = index.search(q);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(r->mode_used, "hybrid");
  ASSERT_FALSE(r->hits.empty());
  EXPECT_EQ(r->hits[0].chunk_id, "a");  // first in both lists
  q.access = AccessFilter{};
  q.access.folders = {"g"};
  r = index.search(q);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(ids(*r), std::vector<std::string>{"c"});
  auto wrong = chunk("w", "d", "f", "x");
  wrong.vector = {1, 0};
  EXPECT_EQ(index.add(wrong).code(), ErrorCode::kInvalidArgument);
}

// Build A in one go; build B through removals and re-additions; same final set.
TEST(SearchIndex, HistoryDoesNotChangeResults) {
  std::mt19937 rng(11);
  const std::vector<std::string> words = {"zakat", "salat", "sawm", "hajj", "iman", "ihsan",
                                          "sadaqa", "qibla", "masjid", "wudu", "niyya", "dua"};
  std::vector<ChunkRecord> chunks;
  for (int i = 0; i < 300; ++i) {
    std::string text;
    for (int j = 0; j < 3 + i % 7; ++j) text += words[rng() % words.size()] + " ";
    auto c = chunk("c" + std::to_string(i), "d" + std::to_string(i / 3), "f" + std::to_string(i % 4), text);
    c.vector = {static_cast<float>(rng() % 100 + 1), static_cast<float>(rng() % 100), 1.0f};
    chunks.push_back(c);
  }
  SearchIndex a, b;
  for (const auto& c : chunks) ASSERT_TRUE(a.add(c).is_ok());
  for (size_t i = 0; i < chunks.size(); ++i) {
    auto decoy = chunks[i];
    decoy.text = "hajj hajj noise " + decoy.text;
    ASSERT_TRUE(b.add(decoy).is_ok());
  }
  for (size_t i = 0; i < chunks.size(); ++i) {
    if (i % 3 == 0) {
      ASSERT_TRUE(b.remove(chunks[i].chunk_id).is_ok());
    }
  }
  for (size_t i = 0; i < chunks.size(); ++i) ASSERT_TRUE(b.add(chunks[i]).is_ok());
  ASSERT_EQ(a.size(), b.size());
  for (const char* text : {"zakat", "hajj iman", "qibla masjid wudu", "dua sawm salat"}) {
    for (SearchMode mode : {SearchMode::kLexical, SearchMode::kVector}) {
      SearchQuery q = lexical(text);
      q.mode = mode;
      q.vector = {3, 2, 1};
      q.k = 20;
      auto ra = a.search(q);
      auto rb = b.search(q);
      ASSERT_TRUE(ra.is_ok() && rb.is_ok());
      ASSERT_EQ(ra->hits.size(), rb->hits.size()) << text;
      for (size_t i = 0; i < ra->hits.size(); ++i) {
        EXPECT_EQ(ra->hits[i].chunk_id, rb->hits[i].chunk_id) << text << " rank " << i;
        EXPECT_NEAR(ra->hits[i].score, rb->hits[i].score, 1e-9);
      }
    }
  }
}

TEST(SearchIndex, ConcurrentReadersAndOneWriter) {
  SearchIndex index;
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(index.add(chunk("c" + std::to_string(i), "d", "f", "common word " + std::to_string(i))).is_ok());
  }
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done.load()) {
        auto r = index.search(lexical("common"));
        if (!r.is_ok() || r->hits.empty()) ++failures;
      }
    });
  }
  for (int i = 200; i < 600; ++i) {
    ASSERT_TRUE(index.add(chunk("c" + std::to_string(i), "d", "f", "common word")).is_ok());
    if (i % 2 == 0) {
      ASSERT_TRUE(index.remove("c" + std::to_string(i)).is_ok());
    }
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(index.size(), 400u);
}

TEST(SearchIndex, RejectsBadInput) {
  SearchIndex index;
  EXPECT_EQ(index.add(ChunkRecord{}).code(), ErrorCode::kInvalidArgument);
  SearchQuery q = lexical("x");
  q.k = 0;
  EXPECT_FALSE(index.search(q).is_ok());
  EXPECT_TRUE(parse_search_mode("hybrid").is_ok());
  EXPECT_FALSE(parse_search_mode("fuzzy").is_ok());
}

}  // namespace
}  // namespace sanad::search
