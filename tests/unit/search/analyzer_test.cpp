#include "search/analyzer.h"

#include <gtest/gtest.h>

#include <sstream>

#include "search/arabic.h"
#include "test_support.h"

namespace sanad::search {
namespace {

using testing::read_tsv;

std::string joined(const std::vector<Term>& terms) {
  std::string out;
  for (const Term& t : terms) out += (out.empty() ? "" : " ") + t.text;
  return out.empty() ? "-" : out;
}

std::u32string u32(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t j = 1; j < n; ++j) cp = (cp << 6) | (static_cast<unsigned char>(s[i + j]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

TEST(AnalyzerGolden, MatchesFixture) {
  const auto rows = read_tsv("analysis_golden.tsv");
  ASSERT_GE(rows.size(), 10u);
  Analyzer analyzer;
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    auto language = text::parse_language_code(row[0]);
    ASSERT_TRUE(language.is_ok());
    EXPECT_EQ(joined(analyzer.analyze(row[1], *language)), row[2]) << "input: " << row[1];
  }
}

TEST(ArabicFolding, MatchesFixture) {
  const auto rows = read_tsv("arabic_fold.tsv");
  ASSERT_GE(rows.size(), 8u);
  for (const auto& row : rows) {
    ASSERT_EQ(row.size(), 3u);
    const std::u32string folded = fold_arabic(u32(row[0]), HamzaSeats::kToHamza);
    EXPECT_EQ(folded, u32(row[1])) << "input: " << row[0];
    EXPECT_EQ(light_stem_arabic(folded), u32(row[2])) << "input: " << row[0];
  }
}

TEST(ArabicFolding, HamzaSeatOptions) {
  EXPECT_EQ(fold_arabic(U"مسؤول", HamzaSeats::kKeep), U"مسؤول");
  EXPECT_EQ(fold_arabic(U"مسؤول", HamzaSeats::kToCarrier), U"مسوول");
  EXPECT_EQ(fold_arabic(U"سائل", HamzaSeats::kToCarrier), U"سايل");
}

TEST(Analyzer, OffsetsPointIntoTheOriginalText) {
  Analyzer analyzer;
  const std::string text = "Voir l’École, puis d'autres.";
  const auto terms = analyzer.analyze(text, text::Language::kFrench);
  ASSERT_EQ(terms.size(), 4u);  // voir, ecol, puis, autr
  EXPECT_EQ(text.substr(terms[0].begin, terms[0].end - terms[0].begin), "Voir");
  EXPECT_EQ(text.substr(terms[1].begin, terms[1].end - terms[1].begin), "École");
  EXPECT_EQ(terms[1].text, "ecol");
  EXPECT_EQ(text.substr(terms[3].begin, terms[3].end - terms[3].begin), "autres");
}

TEST(Analyzer, ArabicOffsetsKeepDiacritics) {
  Analyzer analyzer;
  const std::string text = "قَالَ الْكِتَابُ";
  const auto terms = analyzer.analyze(text, text::Language::kArabic);
  ASSERT_EQ(terms.size(), 2u);
  EXPECT_EQ(text.substr(terms[1].begin, terms[1].end - terms[1].begin), "الْكِتَابُ");
}

TEST(Analyzer, ElisionsOnlyInFrench) {
  Analyzer analyzer;
  EXPECT_EQ(joined(analyzer.analyze("l'homme", text::Language::kFrench)), "homm");
  EXPECT_NE(joined(analyzer.analyze("l'homme", text::Language::kEnglish)), "homm");
}

TEST(Analyzer, StopWordsCanBeKept) {
  AnalyzerOptions options;
  options.remove_stop_words = false;
  Analyzer analyzer(options);
  EXPECT_EQ(joined(analyzer.analyze("the cat", text::Language::kEnglish)), "the cat");
  Analyzer dropping;
  EXPECT_EQ(joined(dropping.analyze("the cat", text::Language::kEnglish)), "cat");
}

TEST(Analyzer, QueryInConfidentLanguageUsesOneStemmer) {
  Analyzer analyzer;
  const auto terms = analyzer.analyze_query("les étudiants de l'université de Paris");
  EXPECT_NE(std::find(terms.begin(), terms.end(), "etudi"), terms.end());
  EXPECT_EQ(std::find(terms.begin(), terms.end(), "student"), terms.end());
}

TEST(Analyzer, UnsureQueryIsAnalysedInAllLanguages) {
  Analyzer analyzer;
  const auto guess = text::detect_language("universities");
  ASSERT_LT(guess.confidence, text::kConfidentLanguage) << "fixture assumption";
  const auto terms = analyzer.analyze_query("universities");
  // English Snowball gives "univers", French folding-only keeps other forms.
  EXPECT_NE(std::find(terms.begin(), terms.end(), "univers"), terms.end());
  EXPECT_GE(terms.size(), 2u);
}

TEST(Analyzer, AllStopWordQueryIsNotEmpty) {
  Analyzer analyzer;
  EXPECT_FALSE(analyzer.analyze_query("the and of").empty());
}

TEST(Highlight, FindsMatchedWords) {
  const std::string text = "Les élèves aiment l'École.";
  const auto ranges = highlight_offsets(text, text::Language::kFrench, {"ecol"});
  ASSERT_EQ(ranges.size(), 1u);
  EXPECT_EQ(text.substr(ranges[0].first, ranges[0].second - ranges[0].first), "École");
}

}  // namespace
}  // namespace sanad::search
