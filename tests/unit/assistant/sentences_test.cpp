#include "assistant/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sanad::assistant {
namespace {

std::vector<std::string> pieces(std::string_view text) {
  std::vector<std::string> out;
  for (const SentenceSpan& s : split_sentences(text)) out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

TEST(Sentences, SplitsAtTerminatorsButNotDecimalsOrAbbreviations) {
  auto s = pieces("Le taux est de 3.5 %. Voir art. 12 du règlement ! Qui signe ? M. Dupont signe.");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0], "Le taux est de 3.5 %.");
  EXPECT_EQ(s[1], "Voir art. 12 du règlement !");
  EXPECT_EQ(s[2], "Qui signe ?");
  EXPECT_EQ(s[3], "M. Dupont signe.");
}

TEST(Sentences, ArabicQuestionMarkAndListItems) {
  auto s = pieces("ما هي مدة العطلة؟ المدة ثلاثون يوما.\n- first item\n- second item");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0], "ما هي مدة العطلة؟");
  EXPECT_EQ(s[2], "first item");
  EXPECT_EQ(s[3], "second item");
}

TEST(Sentences, WrappedLinesStayTogetherAndSpansAreExactSubstrings) {
  std::string text = "A sentence that is\nwrapped over two lines.\n\nNext paragraph";
  auto spans = split_sentences(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].begin, spans[0].end - spans[0].begin), "A sentence that is\nwrapped over two lines.");
  EXPECT_EQ(text.substr(spans[1].begin, spans[1].end - spans[1].begin), "Next paragraph");
}

}  // namespace
}  // namespace sanad::assistant
