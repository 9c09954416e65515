#include "llm/match_text.h"

#include <gtest/gtest.h>

namespace sanad::llm {
namespace {

TEST(MatchTextTest, NormalisesCaseWhitespaceAndCompatibilityForms) {
  EXPECT_EQ(normalize_for_match("  Les   CONGÉS\n\tpayés "), "les congés payés");
  EXPECT_EQ(normalize_for_match("ﬁchier ＡＢ"), "fichier ab");
  EXPECT_EQ(normalize_for_match("Straße"), "strasse");
  EXPECT_EQ(normalize_for_match("l’employé"), "l'employé");
  // e + combining acute composes like the precomposed letter.
  EXPECT_EQ(normalize_for_match("e\xCC\x81t\xC3\xA9"), normalize_for_match("\xC3\xA9t\xC3\xA9"));
}

TEST(MatchTextTest, RemovesArabicDiacriticsAndTatweel) {
  // كَتَبَ with fatha marks, and a tatweel in "عـلم".
  EXPECT_EQ(normalize_for_match("كَتَبَ"), "كتب");
  EXPECT_EQ(normalize_for_match("عـلم"), "علم");
}

TEST(MatchTextTest, FindsSpanInOriginalText) {
  std::string source = "Article 3 :  Les CONGÉS   payés sont de 25 jours.";
  MatchText text(source);
  auto span = text.find("les congés payés");
  ASSERT_TRUE(span.has_value());
  EXPECT_EQ(source.substr(span->begin, span->end - span->begin), "Les CONGÉS   payés");
  EXPECT_FALSE(text.find("congés maladie").has_value());
  EXPECT_FALSE(text.find("   ").has_value());

  std::string arabic = "قالَ المديرُ إنَّ العطلةَ ثلاثونَ يومًا.";
  MatchText ar(arabic);
  auto s = ar.find("العطلة ثلاثون يوما");
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(arabic.substr(s->begin, s->end - s->begin), "العطلةَ ثلاثونَ يومًا");
}

TEST(MatchTextTest, CountsCodePoints) {
  std::string s = "éa";
  EXPECT_EQ(utf8_char_count(s, 0), 0u);
  EXPECT_EQ(utf8_char_count(s, 2), 1u);
  EXPECT_EQ(utf8_char_count(s, 3), 2u);
}

}  // namespace
}  // namespace sanad::llm
