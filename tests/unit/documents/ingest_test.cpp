#include "documents/ingest.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sanad::documents {
namespace {

std::filesystem::path demo(const std::string& name) {
  return std::filesystem::path(SANAD_SOURCE_DIR) / "demo" / "documents" / name;
}

TEST(Ingest, PdfWithPagesAndProgress) {
  std::vector<Chunk> chunks;
  std::vector<IngestProgress> progress;
  auto r = ingest_document(
      DocumentType::kPdf, demo("reglement-conges.pdf"), IngestOptions{},
      [&](Chunk&& c) {
        chunks.push_back(std::move(c));
        return Status::ok();
      },
      [&](const IngestProgress& p) {
        progress.push_back(p);
        return Status::ok();
      });
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->pages, 2);
  EXPECT_EQ(r->chunks, chunks.size());
  EXPECT_GT(r->blocks, r->chunks);
  EXPECT_EQ(r->language.language, text::Language::kFrench);
  EXPECT_EQ(chunks.back().end, r->text_bytes);
  ASSERT_FALSE(progress.empty());
  for (std::size_t i = 1; i < progress.size(); ++i) {
    EXPECT_GE(progress[i].pages_done, progress[i - 1].pages_done);
    EXPECT_GE(progress[i].chunks_done, progress[i - 1].chunks_done);
  }
  EXPECT_EQ(progress.back().pages_done, 2);
  EXPECT_EQ(progress.back().chunks_done, chunks.size());
}

TEST(Ingest, CancelledFromProgress) {
  std::size_t chunks = 0;
  auto r = ingest_document(
      DocumentType::kDocx, demo("charte-informatique.docx"), IngestOptions{},
      [&](Chunk&&) {
        ++chunks;
        return Status::ok();
      },
      [&](const IngestProgress& p) { return p.chunks_done >= 2 ? cancelled("job cancelled") : Status::ok(); });
  EXPECT_EQ(r.status().code(), ErrorCode::kCancelled);
  EXPECT_EQ(chunks, 2u);
}

TEST(Ingest, ExtractionErrorIsReturned) {
  auto r = ingest_document(DocumentType::kPdf, testing::fixture("notext.pdf"), IngestOptions{},
                           [](Chunk&&) { return Status::ok(); });
  EXPECT_EQ(r.status().code(), ErrorCode::kFailedPrecondition);
}

}  // namespace
}  // namespace sanad::documents
