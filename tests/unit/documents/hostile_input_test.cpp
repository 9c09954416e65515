// Crafted bad inputs: each must be refused or fail cleanly within 2 s and 256 MB.
#include <gtest/gtest.h>

#include "documents/csv_faq.h"
#include "documents/extract.h"
#include "test_support.h"

namespace sanad::documents {
namespace {

using testing::extract_all;
using testing::fixture;
using testing::within_budget;

TEST(HostileInput, ZipBombRefusedBeforeInflating) {
  within_budget([] {
    auto e = extract_all(DocumentType::kDocx, fixture("zip_bomb.docx"));
    EXPECT_EQ(e.status.code(), ErrorCode::kTooLarge) << e.status.to_string();
    EXPECT_NE(e.status.message().find("zip bomb"), std::string::npos) << e.status.message();
    EXPECT_TRUE(e.blocks.empty());
  });
}

TEST(HostileInput, ZipBombWithLyingSizesCappedWhileInflating) {
  within_budget([] {
    auto e = extract_all(DocumentType::kDocx, fixture("lying_zip_bomb.docx"));
    EXPECT_FALSE(e.status.is_ok());
    EXPECT_TRUE(e.blocks.empty());
  });
}

TEST(HostileInput, ZipBombPastRelaxedDirectoryChecksStillRefused) {
  // With the directory checks relaxed, the per-part cap still refuses the entry.
  within_budget([] {
    ExtractLimits limits;
    limits.max_zip_ratio = 1e9;
    limits.max_zip_uncompressed = 1ull << 40;
    limits.max_xml_bytes = 8u << 20;
    auto e = extract_all(DocumentType::kDocx, fixture("zip_bomb.docx"), limits);
    EXPECT_EQ(e.status.code(), ErrorCode::kTooLarge) << e.status.to_string();
  });
}

TEST(HostileInput, BillionLaughsRefused) {
  within_budget([] {
    auto e = extract_all(DocumentType::kDocx, fixture("billion_laughs.docx"));
    EXPECT_EQ(e.status.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(e.status.message().find("DTD"), std::string::npos);
    EXPECT_TRUE(e.blocks.empty());
  });
}

TEST(HostileInput, ExternalEntityRefused) {
  within_budget([] {
    auto e = extract_all(DocumentType::kDocx, fixture("xxe.docx"));
    EXPECT_EQ(e.status.code(), ErrorCode::kInvalidArgument);
    for (const Block& b : e.blocks) EXPECT_EQ(b.text.find("root:"), std::string::npos);
  });
}

TEST(HostileInput, TruncatedPdfFailsCleanly) {
  within_budget([] {
    auto e = extract_all(DocumentType::kPdf, fixture("truncated.pdf"));
    // Poppler may recover the first page from a truncated file; either way it ends.
    if (e.status.is_ok()) {
      EXPECT_FALSE(e.blocks.empty());
    } else {
      EXPECT_FALSE(e.status.message().empty());
    }
  });
}

TEST(HostileInput, CircularXrefPdfFailsCleanly) {
  within_budget([] {
    auto e = extract_all(DocumentType::kPdf, fixture("circular_xref.pdf"));
    EXPECT_FALSE(e.status.is_ok());
    EXPECT_TRUE(e.blocks.empty());
  });
}

TEST(HostileInput, EmptyFiles) {
  for (DocumentType type : {DocumentType::kPdf, DocumentType::kDocx}) {
    auto e = extract_all(type, fixture("empty.txt"));
    EXPECT_EQ(e.status.code(), ErrorCode::kInvalidArgument) << document_type_name(type);
  }
  for (DocumentType type : {DocumentType::kHtml, DocumentType::kMarkdown, DocumentType::kText}) {
    auto e = extract_all(type, fixture("empty.txt"));
    EXPECT_TRUE(e.status.is_ok());
    EXPECT_TRUE(e.blocks.empty());
  }
}

TEST(HostileInput, WrongFormatForExtractor) {
  EXPECT_EQ(extract_all(DocumentType::kPdf, fixture("sample.docx")).status.code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(extract_all(DocumentType::kDocx, fixture("sample.pdf")).status.code(), ErrorCode::kInvalidArgument);
}

TEST(HostileInput, CsvWithA100MegabyteLine) {
  testing::TempDir dir;
  const auto path = dir.path() / "faq.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "question,answer\n";
    out << "Première question ?,Première réponse.\n";
    const std::string piece(1 << 20, 'x');
    out << "q,";
    for (int i = 0; i < 100; ++i) out << piece;
    out << "\n";
    out << "Dernière question ?,Dernière réponse.\n";
  }
  within_budget([&] {
    std::vector<FaqEntry> entries;
    auto r = read_faq_csv(path, ExtractLimits{}, [&](FaqEntry&& e) {
      entries.push_back(std::move(e));
      return Status::ok();
    });
    ASSERT_TRUE(r.is_ok()) << r.status().to_string();
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[1].question, "Dernière question ?");
    EXPECT_EQ(entries[1].line, 4u);
    ASSERT_EQ(r->errors.size(), 1u);
    EXPECT_EQ(r->errors[0].line, 3u);
  });
}

}  // namespace
}  // namespace sanad::documents
