// The demo corpus (demo/) goes through detection, extraction and chunking cleanly,
// and its FAQ file imports without a bad row.
#include <gtest/gtest.h>

#include "documents/chunker.h"
#include "documents/csv_faq.h"
#include "documents/extract.h"
#include <set>

#include "test_support.h"

namespace sanad::documents {
namespace {

std::filesystem::path demo_dir() { return std::filesystem::path(SANAD_SOURCE_DIR) / "demo"; }

text::Language expected_language(const std::string& name) {
  if (name.starts_with("ar-")) return text::Language::kArabic;
  if (name == "it-security-essentials.md" || name == "travel-policy.pdf") return text::Language::kEnglish;
  return text::Language::kFrench;
}

TEST(DemoCorpus, EveryDocumentExtractsAndChunks) {
  auto detector = TypeDetector::create();
  ASSERT_TRUE(detector.is_ok());
  std::size_t documents = 0;
  for (const auto& entry : std::filesystem::directory_iterator(demo_dir() / "documents")) {
    const std::string name = entry.path().filename().string();
    SCOPED_TRACE(name);
    auto type = (*detector)->detect(entry.path(), name);
    ASSERT_TRUE(type.is_ok()) << type.status().to_string();
    std::string extracted;
    std::vector<Chunk> chunks;
    Chunker chunker(ChunkOptions{}, [&](Chunk&& c) {
      chunks.push_back(std::move(c));
      return Status::ok();
    });
    Status s = extract(*type, entry.path(), ExtractLimits{}, [&](Block&& b) {
      if (!extracted.empty()) extracted += "\n\n";
      extracted += b.text;
      return chunker.add(b);
    });
    ASSERT_TRUE(s.is_ok()) << s.to_string();
    ASSERT_TRUE(chunker.finish().is_ok());
    ASSERT_FALSE(chunks.empty());
    EXPECT_EQ(chunker.document_language().language, expected_language(name));
    for (const Chunk& c : chunks) {
      EXPECT_EQ(extracted.substr(c.start, c.end - c.start), c.text);
      EXPECT_LE(c.tokens, ChunkOptions{}.max_tokens);
      EXPECT_FALSE(c.heading_trail.empty()) << c.text;  // every demo document opens with a title
      if (*type == DocumentType::kPdf) {
        EXPECT_GE(c.page, 1);
      }
    }
    // Boilerplate never reaches the text.
    EXPECT_EQ(extracted.find("window.analytics"), std::string::npos);
    EXPECT_EQ(extracted.find("document interne"), std::string::npos);
    ++documents;
  }
  EXPECT_EQ(documents, 13u);
}

TEST(DemoCorpus, FaqImportsCleanly) {
  std::vector<FaqEntry> entries;
  auto r = read_faq_csv(demo_dir() / "faq.csv", ExtractLimits{}, [&](FaqEntry&& e) {
    entries.push_back(std::move(e));
    return Status::ok();
  });
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->error_count, 0u) << (r->errors.empty() ? "" : r->errors[0].message);
  ASSERT_EQ(entries.size(), 40u);
  for (const FaqEntry& e : entries) {
    EXPECT_FALSE(e.category.empty());
    EXPECT_TRUE(std::filesystem::exists(demo_dir() / "documents" / e.source)) << e.source;
  }
}

}  // namespace
}  // namespace sanad::documents
