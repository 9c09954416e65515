#include "assistant/extractive_answerer.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "llm/citation_verifier.h"

namespace sanad::assistant {
namespace {

const std::string kLeave =
    "Le règlement intérieur s'applique à tous. Chaque salarié a droit à 25 jours de congés payés par an. "
    "Les congés sont posés dans l'outil RH.";
const std::string kBadge = "Le badge d'accès est remis le premier jour. Il doit être porté visiblement.";
const std::string kEnglish = "Remote work is allowed two days per week. Managers approve the schedule.";

TEST(Extractive, PicksTheSentenceThatCoversTheQuestionAndCitesItExactly) {
  std::vector<ExtractiveSource> sources = {{1, kBadge, "fr"}, {2, kLeave, "fr"}};
  auto a = answer_extractively("Combien de jours de congés payés par an ?", "fr", sources);
  ASSERT_TRUE(a.answered) << a.text;
  ASSERT_FALSE(a.picks.empty());
  EXPECT_EQ(a.picks[0].n, 2);
  EXPECT_EQ(a.picks[0].quote, "Chaque salarié a droit à 25 jours de congés payés par an.");
  EXPECT_EQ(kLeave.substr(a.picks[0].begin, a.picks[0].end - a.picks[0].begin), a.picks[0].quote);
  EXPECT_EQ(a.text.rfind("D'après les sources :", 0), 0u) << a.text;
  EXPECT_NE(a.text.find("[2]"), std::string::npos);
  EXPECT_EQ(a.text.find("[1]"), std::string::npos) << "the badge source does not answer";
}

TEST(Extractive, AnswerPassesCitationVerificationByConstruction) {
  std::vector<ExtractiveSource> sources = {{1, kLeave, "fr"}, {2, kEnglish, "en"}};
  auto a = answer_extractively("How many days of remote work per week?", "en", sources);
  ASSERT_TRUE(a.answered) << a.text;
  std::map<int, std::string> texts = {{1, kLeave}, {2, kEnglish}};
  auto check = llm::verify_citations(a.text, texts);
  EXPECT_TRUE(check.removed.empty());
  ASSERT_FALSE(check.citations.empty());
  EXPECT_EQ(check.citations[0].n, 2);
  EXPECT_EQ(check.citations[0].quote, "Remote work is allowed two days per week.");
  EXPECT_EQ(check.text, a.text);
  EXPECT_EQ(a.text.rfind("According to the sources:", 0), 0u);
}

TEST(Extractive, RefusesInTheUsersLanguageWhenEvidenceIsWeak) {
  std::vector<ExtractiveSource> sources = {{1, kLeave, "fr"}, {2, kBadge, "fr"}};
  auto fr = answer_extractively("Quel est le menu de la cantine mercredi ?", "fr", sources);
  EXPECT_FALSE(fr.answered);
  EXPECT_TRUE(fr.picks.empty());
  EXPECT_EQ(fr.text, refusal_text("fr"));
  auto ar = answer_extractively("ما هو راتب المدير؟", "ar", sources);
  EXPECT_FALSE(ar.answered);
  EXPECT_EQ(ar.text, refusal_text("ar"));
  auto none = answer_extractively("anything at all", "en", {});
  EXPECT_FALSE(none.answered);
  EXPECT_EQ(none.text, refusal_text("en"));
  EXPECT_NE(refusal_text("fr"), refusal_text("en"));
  EXPECT_NE(refusal_text("ar"), refusal_text("en"));
}

TEST(Extractive, ThresholdDecidesBetweenAnswerAndRefusal) {
  std::vector<ExtractiveSource> sources = {{1, kBadge, "fr"}};
  // "badge", "premier" and "jour" are covered, "couleur" is not: coverage 3/4.
  ExtractiveOptions strict;
  strict.min_coverage = 0.9;
  EXPECT_FALSE(answer_extractively("couleur du badge premier jour", "fr", sources, strict).answered);
  ExtractiveOptions lenient;
  lenient.min_coverage = 0.5;
  auto a = answer_extractively("couleur du badge premier jour", "fr", sources, lenient);
  EXPECT_TRUE(a.answered);
  EXPECT_NEAR(a.best_coverage, 0.75, 0.01);
  EXPECT_NEAR(evidence_strength("couleur du badge premier jour", sources), 0.75, 0.01);
}

TEST(Extractive, AddsACompanionSentenceOnlyWhenItBringsSomething) {
  std::string a_text = "Les congés payés sont de 25 jours. Les congés payés se demandent un mois avant.";
  std::vector<ExtractiveSource> sources = {{1, a_text, "fr"}};
  auto a = answer_extractively("congés payés", "fr", sources);
  ASSERT_TRUE(a.answered);
  // Both sentences cover the question fully but the second adds nothing new from
  // the same source.
  EXPECT_EQ(a.picks.size(), 1u);
}

}  // namespace
}  // namespace sanad::assistant
