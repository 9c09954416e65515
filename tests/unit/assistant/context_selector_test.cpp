#include "assistant/context_selector.h"

#include <gtest/gtest.h>

#include <map>

#include "fake_retriever.h"

namespace sanad::assistant {
namespace {

using testing::passage;

// Chunks of documents kept in memory.
class MemoryChunks : public ChunkSource {
 public:
  void add(const std::string& doc, ChunkRow row) { docs_[doc][row.ordinal] = std::move(row); }
  Result<std::vector<ChunkRow>> chunks(const std::string& doc, int64_t first, int64_t last) const override {
    ++calls;
    std::vector<ChunkRow> out;
    auto it = docs_.find(doc);
    if (it == docs_.end()) return out;
    for (const auto& [ord, row] : it->second) {
      if (ord >= first && ord <= last) out.push_back(row);
    }
    return out;
  }
  mutable int calls = 0;

 private:
  std::map<std::string, std::map<int64_t, ChunkRow>> docs_;
};

ChunkRow row(const std::string& doc, int64_t ordinal, const std::string& text, int64_t start) {
  ChunkRow r;
  r.chunk_id = doc + "#" + std::to_string(ordinal);
  r.ordinal = ordinal;
  r.page = 1;
  r.text = text;
  r.start = start;
  r.end = start + static_cast<int64_t>(text.size());
  return r;
}

TEST(ContextSelector, DeduplicatesAndSpreadsAcrossDocuments) {
  std::vector<retrieval::Passage> ps = {passage("a", "f", 0, "alpha one"), passage("a", "f", 5, "alpha two"),
                                        passage("a", "f", 9, "alpha three"), passage("b", "f", 0, "beta one"),
                                        passage("a", "f", 0, "alpha one"), passage("c", "f", 0, "Alpha   ONE")};
  ContextOptions options;
  options.max_per_document = 2;
  options.neighbours = 0;
  auto sources = select_context(ps, nullptr, options);
  std::vector<std::string> docs;
  for (const auto& s : sources) docs.push_back(s.document_id);
  // a#0 and a#5 first, then b (a's third waits), then a#9; duplicates dropped.
  EXPECT_EQ(docs, (std::vector<std::string>{"a", "a", "b", "a"}));
  for (size_t i = 0; i < sources.size(); ++i) EXPECT_EQ(sources[i].n, static_cast<int>(i) + 1);
}

TEST(ContextSelector, MergesNeighboursAndDropsTheirOverlap) {
  MemoryChunks chunks;
  // Chunk 1 repeats the last 6 characters of chunk 0 ("fin 0.").
  chunks.add("d", row("d", 0, "Debut du texte, fin 0.", 100));
  chunks.add("d", row("d", 1, "fin 0. Milieu du texte.", 116));
  chunks.add("d", row("d", 2, "Suite et fin.", 139));
  std::vector<retrieval::Passage> ps = {passage("d", "f", 1, "fin 0. Milieu du texte.", "fr", 116)};
  auto sources = select_context(ps, &chunks, ContextOptions{});
  ASSERT_EQ(sources.size(), 1u);
  const ContextSource& s = sources[0];
  EXPECT_EQ(s.text, "Debut du texte, fin 0.\nMilieu du texte.\nSuite et fin.");
  ASSERT_EQ(s.parts.size(), 3u);
  EXPECT_EQ(s.parts[1].chunk_id, "d#1");
  EXPECT_EQ(s.parts[1].char_start, 123);
  auto m = map_span(s, s.text.find("Milieu"), s.text.find("Milieu") + 6);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->part->chunk_id, "d#1");
  EXPECT_EQ(m->start, 123);
  EXPECT_EQ(m->end, 129);
  auto tail = map_span(s, s.text.find("Suite"), s.text.size());
  ASSERT_TRUE(tail.has_value());
  EXPECT_EQ(tail->part->chunk_id, "d#2");
  EXPECT_EQ(tail->start, 139);
}

TEST(ContextSelector, KeepsWithinTheTokenBudget) {
  std::string big(4000, 'x');
  std::vector<retrieval::Passage> ps = {passage("a", "f", 0, big), passage("b", "f", 0, big),
                                        passage("c", "f", 0, "small text")};
  ContextOptions options;
  options.token_budget = 1100;
  auto sources = select_context(ps, nullptr, options);
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0].document_id, "a");
  EXPECT_EQ(sources[1].document_id, "c");
  EXPECT_EQ(estimate_tokens("abcdefgh"), 2u);
  EXPECT_EQ(estimate_tokens("مرحبا"), 3u);
}

}  // namespace
}  // namespace sanad::assistant
