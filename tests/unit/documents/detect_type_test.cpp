#include <gtest/gtest.h>

#include "documents/document_type.h"
#include "test_support.h"

namespace sanad::documents {
namespace {

using testing::fixture;

class DetectType : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = TypeDetector::create();
    ASSERT_TRUE(d.is_ok()) << d.status().to_string();
    detector_ = std::move(d).value();
  }
  Result<DocumentType> detect(const std::string& name, const std::string& hint) {
    return detector_->detect(fixture(name), hint);
  }
  std::unique_ptr<TypeDetector> detector_;
};

TEST_F(DetectType, FromContent) {
  EXPECT_EQ(detect("sample.pdf", "x.pdf").value(), DocumentType::kPdf);
  EXPECT_EQ(detect("sample.docx", "x.docx").value(), DocumentType::kDocx);
  EXPECT_EQ(detect("sample.html", "x.html").value(), DocumentType::kHtml);
  EXPECT_EQ(detect("sample.md", "notes.md").value(), DocumentType::kMarkdown);
  EXPECT_EQ(detect("utf8.txt", "notes.txt").value(), DocumentType::kText);
  EXPECT_EQ(detect("faq_comma.csv", "faq.csv").value(), DocumentType::kCsv);
}

TEST_F(DetectType, ExtensionDoesNotOverrideContent) {
  EXPECT_EQ(detect("pdf_named.docx", "report.docx").value(), DocumentType::kPdf);
  EXPECT_EQ(detect("sample.pdf", "report.md").value(), DocumentType::kPdf);
  auto png = detect("image_named.pdf", "scan.pdf");
  EXPECT_EQ(png.status().code(), ErrorCode::kUnsupported);
  EXPECT_NE(png.status().message().find("image/png"), std::string::npos);
}

TEST_F(DetectType, EmptyAndZipBombs) {
  EXPECT_EQ(detect("empty.txt", "a.txt").status().code(), ErrorCode::kUnsupported);
  EXPECT_EQ(detect("zip_bomb.docx", "a.docx").status().code(), ErrorCode::kTooLarge);
}

TEST_F(DetectType, ZipWithoutWordDocumentIsUnsupported) {
  auto r = detect("plain.zip", "a.docx");
  EXPECT_EQ(r.status().code(), ErrorCode::kUnsupported);
}

}  // namespace
}  // namespace sanad::documents
