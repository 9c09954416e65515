#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "search/search_index.h"
#include "test_support.h"

namespace sanad::search {
namespace {

using testing::TempDir;

std::unique_ptr<SearchIndex> sample_index() {
  auto index = std::make_unique<SearchIndex>();
  std::mt19937 rng(2);
  const std::vector<std::string> texts = {"la prière du vendredi", "the friday prayer",
                                          "صلاة الجمعة في المسجد", "le jeûne du mois",
                                          "fasting in the month", "الصيام في رمضان"};
  for (int i = 0; i < 60; ++i) {
    ChunkRecord c;
    c.chunk_id = "c" + std::to_string(i);
    c.document_id = "d" + std::to_string(i / 4);
    c.folder_id = "f" + std::to_string(i % 3);
    c.title = "titre " + std::to_string(i);
    c.text = texts[static_cast<size_t>(i) % texts.size()] + " " + std::to_string(i);
    c.vector = {static_cast<float>(rng() % 50 + 1), static_cast<float>(rng() % 50), 1.0f, 0.5f};
    EXPECT_TRUE(index->add(c).is_ok());
  }
  EXPECT_TRUE(index->remove("c5").is_ok());
  return index;
}

std::vector<std::pair<std::string, double>> run(const SearchIndex& index, const std::string& text,
                                                SearchMode mode) {
  SearchQuery q;
  q.text = text;
  q.vector = {1, 2, 3, 4};
  q.mode = mode;
  q.k = 15;
  q.access.folders = {"f0", "f2"};
  auto r = index.search(q);
  EXPECT_TRUE(r.is_ok());
  std::vector<std::pair<std::string, double>> out;
  for (const auto& h : r->hits) out.emplace_back(h.chunk_id, h.score);
  return out;
}

TEST(Snapshot, RoundTripGivesIdenticalResults) {
  TempDir dir;
  const std::string path = dir.path() + "/index.snap";
  auto original = sample_index();
  ASSERT_TRUE(original->save_snapshot(path, 42).is_ok());
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  auto loaded = SearchIndex::load_snapshot(path);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  EXPECT_EQ((*loaded)->applied_seq(), 42u);
  EXPECT_EQ((*loaded)->size(), original->size());
  EXPECT_EQ((*loaded)->vector_count(), original->vector_count());
  for (const char* text : {"prière", "friday prayer", "الجمعة", "صيام رمضان", "titre 7"}) {
    for (SearchMode mode : {SearchMode::kLexical, SearchMode::kVector, SearchMode::kHybrid}) {
      EXPECT_EQ(run(*original, text, mode), run(**loaded, text, mode)) << text;
    }
  }
  // The loaded index keeps working: additions and removals apply.
  ChunkRecord extra;
  extra.chunk_id = "new";
  extra.folder_id = "f0";
  extra.text = "unmistakable";
  extra.vector = {1, 1, 1, 1};
  ASSERT_TRUE((*loaded)->add(extra).is_ok());
  EXPECT_EQ(run(**loaded, "unmistakable", SearchMode::kLexical).size(), 1u);
  ASSERT_TRUE((*loaded)->remove("c0").is_ok());
}

TEST(Snapshot, CorruptFileIsRejected) {
  TempDir dir;
  const std::string path = dir.path() + "/index.snap";
  ASSERT_TRUE(sample_index()->save_snapshot(path, 1).is_ok());
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    char c = 0;
    f.read(&c, 1);
    f.seekp(200);
    c = static_cast<char>(c ^ 0x5A);
    f.write(&c, 1);
  }
  auto loaded = SearchIndex::load_snapshot(path);
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(loaded.status().message().find("corrupt"), std::string::npos);
}

TEST(Snapshot, TruncatedVersionMismatchAndMissing) {
  TempDir dir;
  const std::string path = dir.path() + "/index.snap";
  ASSERT_TRUE(sample_index()->save_snapshot(path, 1).is_ok());
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 10);
  EXPECT_EQ(SearchIndex::load_snapshot(path).status().code(), ErrorCode::kFailedPrecondition);

  ASSERT_TRUE(sample_index()->save_snapshot(path, 1).is_ok());
  {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(8);
    const uint32_t version = 999;
    f.write(reinterpret_cast<const char*>(&version), sizeof(version));
  }
  auto loaded = SearchIndex::load_snapshot(path);
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_NE(loaded.status().message().find("version"), std::string::npos);

  EXPECT_EQ(SearchIndex::load_snapshot(dir.path() + "/absent").status().code(), ErrorCode::kNotFound);
}

TEST(Snapshot, OtherAnalysisOptionsAreRejected) {
  TempDir dir;
  const std::string path = dir.path() + "/index.snap";
  ASSERT_TRUE(sample_index()->save_snapshot(path, 1).is_ok());
  SearchOptions other;
  other.analyzer.arabic_stemmer = ArabicStemmer::kNone;
  auto loaded = SearchIndex::load_snapshot(path, other);
  ASSERT_FALSE(loaded.is_ok());
  EXPECT_EQ(loaded.status().code(), ErrorCode::kFailedPrecondition);
}

TEST(Snapshot, VectorStorageIsPartOfTheSnapshot) {
  TempDir dir;
  const std::string path = dir.path() + "/index.snap";
  ASSERT_TRUE(sample_index()->save_snapshot(path, 1).is_ok());
  SearchOptions int8;
  int8.vectors.storage = VectorStorage::kInt8;
  EXPECT_FALSE(SearchIndex::load_snapshot(path, int8).is_ok());

  // An int8 index round-trips to identical results.
  SearchIndex quantised(int8);
  std::mt19937 rng(4);
  for (int i = 0; i < 5000; ++i) {  // above exact_below: the graph is used and saved
    ChunkRecord c;
    c.chunk_id = "c" + std::to_string(i);
    c.document_id = "d" + std::to_string(i / 4);
    c.folder_id = "f" + std::to_string(i % 3);
    c.text = "texte " + std::to_string(i % 97);
    c.vector = {static_cast<float>(rng() % 50 + 1), static_cast<float>(rng() % 50), 1.0f, 0.5f};
    ASSERT_TRUE(quantised.add(c).is_ok());
  }
  ASSERT_TRUE(quantised.save_snapshot(path, 2).is_ok());
  auto loaded = SearchIndex::load_snapshot(path, int8);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  EXPECT_EQ(run(quantised, "texte 5", SearchMode::kVector), run(**loaded, "texte 5", SearchMode::kVector));
  EXPECT_EQ(run(quantised, "texte 5", SearchMode::kHybrid), run(**loaded, "texte 5", SearchMode::kHybrid));
}

TEST(Snapshot, EmptyIndexRoundTrips) {
  TempDir dir;
  const std::string path = dir.path() + "/empty.snap";
  SearchIndex empty;
  ASSERT_TRUE(empty.save_snapshot(path, 0).is_ok());
  auto loaded = SearchIndex::load_snapshot(path);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().to_string();
  EXPECT_EQ((*loaded)->size(), 0u);
}

}  // namespace
}  // namespace sanad::search
