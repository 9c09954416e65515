#include "assistant/extractive_answerer.h"

#include <gtest/gtest.h>

#include <functional>
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


// Two sentences cover "congés payés" fully; the first source wins on rank alone.
const std::string kWhere = "Les congés payés se posent dans l'outil RH du groupe.";
const std::string kHowMany = "Les congés payés sont de 25 jours ouvrés par an.";

// Scores the sentence that mentions "25" close to the question, any other far;
// records what it was asked.
struct StubSimilarity {
  Result<std::vector<double>> operator()(std::string_view question, const std::vector<std::string>& sentences) {
    ++calls;
    asked_question = std::string(question);
    batch_sizes.push_back(sentences.size());
    std::vector<double> out;
    for (const auto& s : sentences) out.push_back(s.find("25") != std::string::npos ? 0.9 : 0.1);
    return out;
  }
  int calls = 0;
  std::string asked_question;
  std::vector<size_t> batch_sizes;
};

TEST(ExtractiveSimilarity, EqualCoverageHigherCosineWins) {
  std::vector<ExtractiveSource> sources = {{1, kWhere, "fr"}, {2, kHowMany, "fr"}};
  auto plain = answer_extractively("congés payés", "fr", sources);
  ASSERT_TRUE(plain.answered);
  EXPECT_FALSE(plain.used_similarity);
  EXPECT_EQ(plain.picks.front().n, 1) << "without similarity the better-ranked source wins";

  StubSimilarity stub;
  auto a = answer_extractively("congés payés", "fr", sources, {}, std::ref(stub));
  ASSERT_TRUE(a.answered);
  EXPECT_TRUE(a.used_similarity);
  EXPECT_EQ(stub.calls, 1);
  EXPECT_EQ(stub.asked_question, "congés payés");
  ASSERT_FALSE(a.picks.empty());
  EXPECT_EQ(a.picks.front().n, 2) << a.text;
  EXPECT_EQ(a.picks.front().quote, kHowMany);
  EXPECT_NEAR(a.picks.front().similarity, 0.9, 1e-9);
  EXPECT_DOUBLE_EQ(a.picks.front().coverage, 1.0);
  // The quote still passes citation verification.
  std::map<int, std::string> texts = {{1, kWhere}, {2, kHowMany}};
  EXPECT_TRUE(llm::verify_citations(a.text, texts).removed.empty());
}

TEST(ExtractiveSimilarity, RefusalStaysOnCoverage) {
  std::vector<ExtractiveSource> sources = {{1, kLeave, "fr"}, {2, kBadge, "fr"}};
  int calls = 0;
  SentenceSimilarity always_close = [&](std::string_view, const std::vector<std::string>& sentences) {
    ++calls;
    return Result<std::vector<double>>(std::vector<double>(sentences.size(), 1.0));
  };
  auto a = answer_extractively("Quel est le menu de la cantine mercredi ?", "fr", sources, {}, always_close);
  EXPECT_FALSE(a.answered);
  EXPECT_EQ(a.text, refusal_text("fr"));
  EXPECT_EQ(calls, 0) << "no sentence reaches min_coverage: nothing to compare";
}

TEST(ExtractiveSimilarity, AFailingModelLeavesTheCoverageRanking) {
  std::vector<ExtractiveSource> sources = {{1, kWhere, "fr"}, {2, kHowMany, "fr"}};
  SentenceSimilarity failing = [](std::string_view, const std::vector<std::string>&) -> Result<std::vector<double>> {
    return unavailable("model down");
  };
  auto a = answer_extractively("congés payés", "fr", sources, {}, failing);
  ASSERT_TRUE(a.answered);
  EXPECT_FALSE(a.used_similarity);
  EXPECT_EQ(a.picks.front().n, 1);
  SentenceSimilarity short_reply = [](std::string_view, const std::vector<std::string>&) {
    return Result<std::vector<double>>(std::vector<double>{0.5});
  };
  auto b = answer_extractively("congés payés", "fr", sources, {}, short_reply);
  EXPECT_FALSE(b.used_similarity);
  EXPECT_EQ(b.picks.front().n, 1);
}

TEST(ExtractiveSimilarity, OnlyTheBestCandidatesAreEmbedded) {
  std::vector<ExtractiveSource> sources = {{1, kWhere, "fr"}, {2, kHowMany, "fr"},
                                           {3, "Les congés payés non pris sont reportés.", "fr"}};
  StubSimilarity stub;
  ExtractiveOptions options;
  options.similarity_candidates = 2;
  auto a = answer_extractively("congés payés", "fr", sources, options, std::ref(stub));
  ASSERT_TRUE(a.answered);
  ASSERT_EQ(stub.batch_sizes, std::vector<size_t>{2});
  EXPECT_EQ(a.picks.front().n, 2);
}

TEST(ExtractiveSimilarity, SentencesTheCosineCannotLiftAreNotEmbedded) {
  // "congés payés reportés": the first two sentences cover 2 of 3 words, the third
  // all 3 — a whole coverage step (1/3) above, more than the 0.25 weight.
  std::vector<ExtractiveSource> sources = {{1, kWhere, "fr"}, {2, kHowMany, "fr"},
                                           {3, "Les congés payés non pris sont reportés.", "fr"}};
  StubSimilarity stub;
  auto a = answer_extractively("congés payés reportés", "fr", sources, {}, std::ref(stub));
  ASSERT_TRUE(a.answered);
  EXPECT_EQ(a.picks.front().n, 3);
  EXPECT_EQ(stub.calls, 0) << "only one sentence is within reach of the best: nothing to compare";
  EXPECT_FALSE(a.used_similarity);
}

}  // namespace
}  // namespace sanad::assistant
