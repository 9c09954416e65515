#include "documents/chunker.h"

#include <gtest/gtest.h>

#include "core/strings.h"

namespace sanad::documents {
namespace {

Block heading(int level, std::string text, int page = 1) { return {BlockKind::kHeading, level, std::move(text), page}; }
Block para(std::string text, int page = 1) { return {BlockKind::kParagraph, 0, std::move(text), page}; }

struct Chunked {
  std::vector<Chunk> chunks;
  std::string extracted;  // the extracted text, built per block.h's definition
};

Chunked chunk_all(const std::vector<Block>& blocks, ChunkOptions options) {
  Chunked run;
  Chunker chunker(options, [&](Chunk&& c) {
    run.chunks.push_back(std::move(c));
    return Status::ok();
  });
  for (const Block& b : blocks) {
    if (!run.extracted.empty()) run.extracted += "\n\n";
    run.extracted += b.text;
    EXPECT_TRUE(chunker.add(b).is_ok());
  }
  EXPECT_TRUE(chunker.finish().is_ok());
  EXPECT_EQ(chunker.text_size(), run.extracted.size());
  return run;
}

std::string sentences(int n, const std::string& word) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (!out.empty()) out += ' ';
    out += "Phrase " + std::to_string(i) + " avec le mot " + word + " et quelques autres termes utiles.";
  }
  return out;
}

TEST(EstimateTokens, CountsWordsAndPunctuation) {
  EXPECT_EQ(estimate_tokens(""), 0u);
  EXPECT_EQ(estimate_tokens("le chat"), 2u);
  EXPECT_EQ(estimate_tokens("bonjour, monde."), 5u);  // bonjo|ur , monde .
  EXPECT_EQ(estimate_tokens("الإجازة السنوية"), 4u);
}

TEST(Chunker, OffsetsQuoteTheExtractedTextExactly) {
  const std::vector<Block> blocks = {
      heading(1, "Chapitre 2"), heading(2, "Congés payés"), para(sentences(30, "congé")),
      para(sentences(12, "report"), 2), heading(2, "Télétravail", 3), para(sentences(5, "domicile"), 3)};
  Chunked run = chunk_all(blocks, ChunkOptions{120, 20});
  ASSERT_GE(run.chunks.size(), 4u);
  for (std::size_t i = 0; i < run.chunks.size(); ++i) {
    const Chunk& c = run.chunks[i];
    EXPECT_EQ(c.index, i);
    ASSERT_LE(c.end, run.extracted.size());
    EXPECT_EQ(run.extracted.substr(c.start, c.end - c.start), c.text) << i;
    EXPECT_LE(c.tokens, 120u) << c.text;
    EXPECT_EQ(c.language, text::Language::kFrench) << c.text;
    if (i > 0) {
      EXPECT_GT(c.start, run.chunks[i - 1].start);
    }
  }
  // The first chunk opens with both headings and carries the full trail.
  EXPECT_TRUE(run.chunks[0].text.starts_with("Chapitre 2\n\nCongés payés\n\nPhrase 0"));
  EXPECT_EQ(heading_trail_string(run.chunks[0].heading_trail), "Chapitre 2 > Congés payés");
  // The last section's trail drops the sibling heading, and its chunk starts at the heading.
  const Chunk& last = run.chunks.back();
  EXPECT_EQ(heading_trail_string(last.heading_trail), "Chapitre 2 > Télétravail");
  EXPECT_TRUE(last.text.starts_with("Télétravail"));
  EXPECT_EQ(last.page, 3);
}

TEST(Chunker, ConsecutiveChunksOverlapWithinASection) {
  Chunked run = chunk_all({heading(1, "A"), para(sentences(40, "x"))}, ChunkOptions{100, 30});
  ASSERT_GE(run.chunks.size(), 3u);
  for (std::size_t i = 1; i < run.chunks.size(); ++i) {
    EXPECT_LT(run.chunks[i].start, run.chunks[i - 1].end) << "no overlap at " << i;
    EXPECT_GT(run.chunks[i].end, run.chunks[i - 1].end);
  }
}

TEST(Chunker, OverlapCarriesTheLastSentencesOfALongParagraph) {
  // Paragraphs of ~60 tokens with a budget of 100: whole paragraphs never fit in the
  // overlap, so the next chunk starts with the previous paragraph's last sentence.
  std::vector<Block> blocks = {heading(1, "A")};
  for (int i = 0; i < 6; ++i) blocks.push_back(para(sentences(4, "p" + std::to_string(i))));
  Chunked run = chunk_all(blocks, ChunkOptions{100, 20});
  ASSERT_GE(run.chunks.size(), 3u);
  for (std::size_t i = 1; i < run.chunks.size(); ++i) {
    const Chunk& prev = run.chunks[i - 1];
    const Chunk& c = run.chunks[i];
    EXPECT_LT(c.start, prev.end) << i;
    EXPECT_TRUE(c.text.starts_with("Phrase 3 ")) << c.text;
    EXPECT_EQ(run.extracted.substr(c.start, c.end - c.start), c.text);
  }
}

TEST(Chunker, NoOverlapAcrossSections) {
  Chunked run = chunk_all({heading(1, "A"), para(sentences(3, "a")), heading(1, "B"), para(sentences(3, "b"))},
                      ChunkOptions{200, 30});
  ASSERT_EQ(run.chunks.size(), 2u);
  EXPECT_EQ(run.chunks[1].text.substr(0, 1), "B");
  EXPECT_GT(run.chunks[1].start, run.chunks[0].end);
  EXPECT_EQ(run.chunks[1].heading_trail, std::vector<std::string>{"B"});
}

TEST(Chunker, SentenceWithoutSpacesIsCut) {
  std::string blob(20000, 'a');
  Chunked run = chunk_all({para(blob)}, ChunkOptions{64, 8});
  ASSERT_GT(run.chunks.size(), 10u);
  std::size_t covered = 0;
  for (const Chunk& c : run.chunks) {
    EXPECT_LE(c.tokens, 64u);
    EXPECT_EQ(run.extracted.substr(c.start, c.end - c.start), c.text);
    covered = std::max(covered, c.end);
  }
  EXPECT_EQ(covered, blob.size());
}

TEST(Chunker, DocumentLanguageAndArabicChunks) {
  const std::string ar = "تمنح الشركة كل موظف ثلاثين يوما من الإجازة السنوية مدفوعة الأجر. يجب تقديم الطلب قبل أسبوعين.";
  Chunked run = chunk_all({heading(1, "الإجازات"), para(ar)}, ChunkOptions{});
  ASSERT_EQ(run.chunks.size(), 1u);
  EXPECT_EQ(run.chunks[0].language, text::Language::kArabic);
}

TEST(Chunker, SinkErrorPropagates) {
  Chunker chunker(ChunkOptions{16, 4}, [](Chunk&&) { return cancelled("stop"); });
  Status s = chunker.add(para(sentences(10, "x")));
  if (s.is_ok()) s = chunker.finish();
  EXPECT_EQ(s.code(), ErrorCode::kCancelled);
}

}  // namespace
}  // namespace sanad::documents
