#include "text/language.h"

#include <gtest/gtest.h>

namespace sanad::text {
namespace {

struct Case {
  const char* text;
  Language expected;
};

TEST(LanguageTest, RecognisesSentences) {
  const Case cases[] = {
      {"Les congés payés sont accordés selon l'ancienneté du salarié.", Language::kFrench},
      {"Quelle est la procédure pour demander un remboursement de frais ?", Language::kFrench},
      {"The expense report must be submitted within thirty days of the trip.", Language::kEnglish},
      {"How do I reset my password?", Language::kEnglish},
      {"ما حكم الصلاة في السفر؟", Language::kArabic},
      {"يجب على الموظف تقديم طلب الإجازة قبل أسبوعين", Language::kArabic},
      {"إِنَّمَا الْأَعْمَالُ بِالنِّيَّاتِ", Language::kArabic},
  };
  for (const auto& c : cases) {
    auto guess = detect_language(c.text);
    EXPECT_EQ(guess.language, c.expected) << c.text;
    EXPECT_GE(guess.confidence, kConfidentLanguage) << c.text;
  }
}

TEST(LanguageTest, UnsureOnTinyOrNeutralText) {
  EXPECT_EQ(detect_language("").language, Language::kUnknown);
  EXPECT_EQ(detect_language("12345 !!!").language, Language::kUnknown);
  EXPECT_LT(detect_language("VPN").confidence, kConfidentLanguage);
  EXPECT_LT(detect_language("OK").confidence, kConfidentLanguage);
  // Arabic script is decisive among fr/ar/en, even for one word.
  EXPECT_EQ(detect_language("صلاة").language, Language::kArabic);
  EXPECT_GE(detect_language("صلاة").confidence, kConfidentLanguage);
}

TEST(LanguageTest, MixedTextFollowsTheMajority) {
  auto guess = detect_language("Le hadith « إنما الأعمال بالنيات » est rapporté par al-Bukhari et Muslim dans leurs recueils.");
  EXPECT_EQ(guess.language, Language::kFrench);
}

TEST(LanguageTest, CodesRoundTrip) {
  for (Language l : {Language::kFrench, Language::kArabic, Language::kEnglish, Language::kUnknown}) {
    auto parsed = parse_language_code(language_code(l));
    ASSERT_TRUE(parsed.is_ok());
    EXPECT_EQ(*parsed, l);
  }
  EXPECT_FALSE(parse_language_code("de").is_ok());
}

}  // namespace
}  // namespace sanad::text
