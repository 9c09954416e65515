#include "documents/csv_faq.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace sanad::documents {
namespace {

struct Read {
  Result<FaqReadSummary> summary;
  std::vector<FaqEntry> entries;
};

Read read(const std::filesystem::path& path) {
  std::vector<FaqEntry> entries;
  auto r = read_faq_csv(path, ExtractLimits{}, [&](FaqEntry&& e) {
    entries.push_back(std::move(e));
    return Status::ok();
  });
  return {std::move(r), std::move(entries)};
}

TEST(FaqCsv, SemicolonBomMultilineAndBadRows) {
  auto r = read(testing::fixture("faq_semicolon.csv"));
  ASSERT_TRUE(r.summary.is_ok()) << r.summary.status().to_string();
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.entries[0].question, "Combien de jours de congés ?");
  EXPECT_EQ(r.entries[0].answer, "Vingt-cinq jours ouvrés\npar an.");
  EXPECT_EQ(r.entries[0].category, "RH");
  EXPECT_EQ(r.entries[0].line, 2u);
  EXPECT_EQ(r.entries[1].answer, "Le support \"informatique\" (poste 2000).");
  EXPECT_EQ(r.entries[1].line, 5u);
  EXPECT_EQ(r.entries[2].question, "Où est le défibrillateur ?");
  EXPECT_EQ(r.entries[2].line, 8u);
  ASSERT_EQ(r.summary->errors.size(), 2u);
  EXPECT_EQ(r.summary->errors[0].line, 4u);  // empty question
  EXPECT_NE(r.summary->errors[0].message.find("empty question"), std::string::npos);
  EXPECT_EQ(r.summary->errors[1].line, 6u);  // too few fields
}

TEST(FaqCsv, CommaAnyColumnOrder) {
  auto r = read(testing::fixture("faq_comma.csv"));
  ASSERT_TRUE(r.summary.is_ok());
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].question, "Puis-je télétravailler ?");
  EXPECT_EQ(r.entries[0].answer, "Oui, avec l'accord du manager.");
  EXPECT_EQ(r.entries[0].source, "handbook.pdf");
  EXPECT_TRUE(r.entries[0].category.empty());
  EXPECT_TRUE(r.summary->errors.empty());
}

TEST(FaqCsv, MissingColumnsRejectTheFile) {
  testing::TempDir dir;
  testing::write_file(dir.path() / "bad.csv", "titre,texte\na,b\n");
  auto r = read(dir.path() / "bad.csv");
  EXPECT_EQ(r.summary.status().code(), ErrorCode::kInvalidArgument);
  testing::write_file(dir.path() / "empty.csv", "");
  EXPECT_EQ(read(dir.path() / "empty.csv").summary.status().code(), ErrorCode::kInvalidArgument);
}

TEST(FaqCsv, UnterminatedQuoteReported) {
  testing::TempDir dir;
  testing::write_file(dir.path() / "q.csv", "question,answer\nok ?,oui\nbad,\"never closed\nstill\n");
  auto r = read(dir.path() / "q.csv");
  ASSERT_TRUE(r.summary.is_ok());
  EXPECT_EQ(r.entries.size(), 1u);
  ASSERT_EQ(r.summary->errors.size(), 1u);
  EXPECT_EQ(r.summary->errors[0].line, 3u);
}

}  // namespace
}  // namespace sanad::documents
