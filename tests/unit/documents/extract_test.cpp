#include <gtest/gtest.h>

#include "documents/extract.h"
#include "test_support.h"

namespace sanad::documents {
namespace {

using testing::extract_all;
using testing::fixture;

std::vector<std::string> texts(const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  for (const Block& b : blocks) out.push_back(b.text);
  return out;
}

TEST(ExtractPdf, KeepsPageNumbersAndParagraphs) {
  auto e = extract_all(DocumentType::kPdf, fixture("sample.pdf"));
  ASSERT_TRUE(e.status.is_ok()) << e.status.to_string();
  ASSERT_GE(e.blocks.size(), 3u);
  EXPECT_EQ(e.blocks.front().page, 1);
  EXPECT_NE(e.blocks.front().text.find("Règlement des congés"), std::string::npos);
  EXPECT_EQ(e.blocks.back().page, 2);
  EXPECT_NE(e.blocks.back().text.find("douze caractères"), std::string::npos);
  bool found = false;
  for (const Block& b : e.blocks) {
    EXPECT_FALSE(b.text.empty());
    if (b.text.find("vingt-cinq jours ouvrés") != std::string::npos) {
      found = true;
      EXPECT_EQ(b.page, 1);
    }
  }
  EXPECT_TRUE(found);
}

TEST(ExtractPdf, TitleLinesOpeningAFlowAreHeadings) {
  auto e = extract_all(DocumentType::kPdf, fixture("sample.pdf"));
  ASSERT_TRUE(e.status.is_ok()) << e.status.to_string();
  ASSERT_GE(e.blocks.size(), 4u);
  EXPECT_EQ(e.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(e.blocks[0].level, 1);
  EXPECT_EQ(e.blocks[0].text, "Règlement des congés");
  EXPECT_EQ(e.blocks[1].kind, BlockKind::kParagraph);
  EXPECT_EQ(e.blocks[1].text.rfind("Chaque salarié bénéficie", 0), 0u) << e.blocks[1].text;
  int page2_headings = 0;
  for (const Block& b : e.blocks) {
    if (b.page == 2 && b.kind == BlockKind::kHeading) {
      ++page2_headings;
      EXPECT_EQ(b.text, "Sécurité informatique");
      EXPECT_EQ(b.level, 2);
    }
    // Sentences never become headings.
    if (b.kind == BlockKind::kHeading) {
      EXPECT_NE(b.text.back(), '.') << b.text;
    }
  }
  EXPECT_EQ(page2_headings, 1);
}

TEST(ExtractPdf, NoTextLayerIsAClearError) {
  auto e = extract_all(DocumentType::kPdf, fixture("notext.pdf"));
  EXPECT_EQ(e.status.code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(e.status.message().find("no text layer"), std::string::npos);
}

TEST(ExtractDocx, HeadingsListsTablesFromStyles) {
  auto e = extract_all(DocumentType::kDocx, fixture("sample.docx"));
  ASSERT_TRUE(e.status.is_ok()) << e.status.to_string();
  ASSERT_EQ(e.blocks.size(), 9u) << ::testing::PrintToString(texts(e.blocks));
  EXPECT_EQ(e.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(e.blocks[0].level, 1);  // style "heading 1"
  EXPECT_EQ(e.blocks[0].text, "Charte informatique");
  EXPECT_EQ(e.blocks[1].kind, BlockKind::kParagraph);
  EXPECT_EQ(e.blocks[2].kind, BlockKind::kHeading);
  EXPECT_EQ(e.blocks[2].level, 2);  // style "Titre 2"
  EXPECT_EQ(e.blocks[3].kind, BlockKind::kListItem);
  EXPECT_EQ(e.blocks[4].kind, BlockKind::kListItem);
  EXPECT_EQ(e.blocks[5].kind, BlockKind::kHeading);
  EXPECT_EQ(e.blocks[5].level, 3);  // outline level 2
  EXPECT_EQ(e.blocks[6].kind, BlockKind::kTableRow);
  EXPECT_EQ(e.blocks[6].text, "Appareil | Verrouillage");
  EXPECT_EQ(e.blocks[7].text, "Portable | 5 minutes");
  EXPECT_EQ(e.blocks[8].text, "Texte conservé");  // deleted revision text dropped
}

TEST(ExtractHtml, DropsBoilerplateKeepsStructure) {
  auto e = extract_all(DocumentType::kHtml, fixture("sample.html"));
  ASSERT_TRUE(e.status.is_ok()) << e.status.to_string();
  const auto t = texts(e.blocks);
  const std::vector<std::string> expected = {
      "Notes de frais",
      "Les frais sont remboursés sur justificatif dans un délai de trente jours.",
      "Plafonds",
      "Repas : 20 €",
      "Hôtel : 110 € par nuit",
      "Paris : 150 €",
      "Poste | Plafond",
      "Taxi | 40 €",
      "Texte libre dans un div.",
      "Paragraphe imbriqué.",
  };
  EXPECT_EQ(t, expected);
  EXPECT_EQ(e.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(e.blocks[0].level, 1);
  EXPECT_EQ(e.blocks[2].level, 2);
  EXPECT_EQ(e.blocks[3].kind, BlockKind::kListItem);
  EXPECT_EQ(e.blocks[6].kind, BlockKind::kTableRow);
}

TEST(ExtractMarkdown, HeadingsListsCodeLinks) {
  auto e = extract_all(DocumentType::kMarkdown, fixture("sample.md"));
  ASSERT_TRUE(e.status.is_ok()) << e.status.to_string();
  const auto t = texts(e.blocks);
  const std::vector<std::string> expected = {
      "Procédure d'évacuation",
      "Au signal d'alarme, quittez le bâtiment par l'issue la plus proche. Ne prenez pas l'ascenseur.",
      "Points de rassemblement",
      "Parking nord, près du portail",
      "Cour intérieure : voir le plan",
      "Comptez les présents",
      "Prévenez le responsable",
      "Titre souligné",
      "appel 18 (pompiers)\nappel 15 (SAMU)",
      "Zone | Responsable",
      "A | Mme Durand",
  };
  EXPECT_EQ(t, expected);
  EXPECT_EQ(e.blocks[0].kind, BlockKind::kHeading);
  EXPECT_EQ(e.blocks[2].level, 2);
  EXPECT_EQ(e.blocks[3].kind, BlockKind::kListItem);
  EXPECT_EQ(e.blocks[7].kind, BlockKind::kHeading);
  EXPECT_EQ(e.blocks[7].level, 2);
  EXPECT_EQ(e.blocks[8].kind, BlockKind::kCode);
  EXPECT_EQ(e.blocks[9].kind, BlockKind::kTableRow);
}

class ExtractTextEncodings : public ::testing::TestWithParam<const char*> {};

TEST_P(ExtractTextEncodings, DecodesToTheSameUtf8) {
  auto e = extract_all(DocumentType::kText, fixture(GetParam()));
  ASSERT_TRUE(e.status.is_ok()) << e.status.to_string();
  const std::vector<std::string> expected = {"Café à l'été.", "Deuxième paragraphe : 5 € – fin."};
  EXPECT_EQ(texts(e.blocks), expected);
}

INSTANTIATE_TEST_SUITE_P(All, ExtractTextEncodings,
                         ::testing::Values("utf8.txt", "utf16le.txt", "utf16be.txt", "cp1252.txt"));

TEST(ExtractText, StrayLegacyByteAfterTheSniffedPrefix) {
  testing::TempDir dir;
  const auto path = dir.path() / "mixed.txt";
  std::string data(100000, 'a');
  data += "\n\nCaf\xE9 cr\xC3\xA8me \x80\n";  // "é" in Windows-1252, "è" in UTF-8, then the euro sign
  testing::write_file(path, data);
  auto e = extract_all(DocumentType::kText, path);
  ASSERT_TRUE(e.status.is_ok());
  ASSERT_GE(e.blocks.size(), 2u);  // the long run of "a" is split into pieces
  EXPECT_EQ(e.blocks.back().text, "Café crème €");
}

TEST(ExtractText, NfkcAppliedAndLongParagraphsSplit) {
  testing::TempDir dir;
  const auto path = dir.path() / "t.txt";
  std::string long_text;
  for (int i = 0; i < 5000; ++i) long_text += "mot\xEF\xAC\x81 ";  // "mot" + U+FB01 (fi ligature)
  testing::write_file(path, long_text);
  ExtractLimits limits;
  limits.max_block_bytes = 4096;
  auto e = extract_all(DocumentType::kText, path, limits);
  ASSERT_TRUE(e.status.is_ok());
  ASSERT_GT(e.blocks.size(), 1u);
  for (const Block& b : e.blocks) {
    EXPECT_LE(b.text.size(), 4096u);
    EXPECT_EQ(b.text.find("\xEF\xAC\x81"), std::string::npos);
    EXPECT_EQ(b.text.substr(0, 5), "motfi");
  }
}

TEST(Extract, CsvIsNotADocument) {
  auto e = extract_all(DocumentType::kCsv, fixture("faq_comma.csv"));
  EXPECT_EQ(e.status.code(), ErrorCode::kUnsupported);
}

TEST(Extract, SinkErrorStopsExtraction) {
  int calls = 0;
  Status s = extract(DocumentType::kMarkdown, fixture("sample.md"), ExtractLimits{}, [&](Block&&) {
    ++calls;
    return cancelled("stop");
  });
  EXPECT_EQ(s.code(), ErrorCode::kCancelled);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace sanad::documents
