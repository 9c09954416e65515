#include "llm/citation_verifier.h"

#include <gtest/gtest.h>

namespace sanad::llm {
namespace {

const std::map<int, std::string> kSources = {
    {1, "Règlement intérieur. Les congés payés sont de 25 jours ouvrés par an."},
    {2, "Le télétravail est possible deux jours par semaine après accord du manager."},
    {3, "قالَ المديرُ إنَّ العطلةَ ثلاثونَ يومًا."},
};

TEST(CitationVerifierTest, KeepsValidCitationsAndListsThem) {
  CitationCheck c =
      verify_citations("Vous avez 25 jours de congés [1]. Le télétravail est limité [2].", kSources);
  EXPECT_EQ(c.text, "Vous avez 25 jours de congés [1]. Le télétravail est limité [2].");
  ASSERT_EQ(c.citations.size(), 2u);
  EXPECT_EQ(c.citations[0].n, 1);
  EXPECT_EQ(c.citations[1].n, 2);
  EXPECT_TRUE(c.citations[0].quote.empty());
  EXPECT_TRUE(c.removed.empty());
}

TEST(CitationVerifierTest, RemovesCitationsOfUnknownSources) {
  CitationCheck c = verify_citations("Ceci est inventé [7]. Ceci est vrai [1, 9].", kSources);
  EXPECT_EQ(c.text, "Ceci est inventé. Ceci est vrai [1].");
  ASSERT_EQ(c.citations.size(), 1u);
  EXPECT_EQ(c.citations[0].n, 1);
  ASSERT_EQ(c.removed.size(), 2u);
  EXPECT_EQ(c.removed[0].n, 7);
  EXPECT_EQ(c.removed[0].reason, "unknown source");
  EXPECT_EQ(c.removed[1].n, 9);
}

TEST(CitationVerifierTest, QuotesMustOccurInTheCitedSource) {
  std::string answer =
      "Le règlement dit « les congés PAYÉS sont de 25  jours » [1]. "
      "Il ajoute \"les congés sont illimités\" [1]. "
      "Et “deux jours par semaine” [1][2].";
  CitationCheck c = verify_citations(answer, kSources);
  EXPECT_EQ(c.text,
            "Le règlement dit « les congés PAYÉS sont de 25  jours » [1]. "
            "Il ajoute \"les congés sont illimités\". "
            "Et “deux jours par semaine” [2].");
  ASSERT_EQ(c.citations.size(), 2u);
  const VerifiedCitation& first = c.citations[0];
  EXPECT_EQ(first.n, 1);
  EXPECT_EQ(first.quote, "les congés PAYÉS sont de 25  jours");
  const std::string& src = kSources.at(1);
  EXPECT_EQ(src.substr(first.start_byte, first.end_byte - first.start_byte),
            "Les congés payés sont de 25 jours");
  EXPECT_EQ(first.start_char, 21u);
  EXPECT_EQ(first.end_char, 21u + 33u);
  EXPECT_EQ(c.citations[1].n, 2);
  EXPECT_EQ(c.citations[1].quote, "deux jours par semaine");
  ASSERT_EQ(c.removed.size(), 2u);
  EXPECT_EQ(c.removed[0].reason, "quote not found in source");
}

TEST(CitationVerifierTest, ArabicQuoteMatchesWithoutDiacritics) {
  CitationCheck c = verify_citations("قال المدير «العطلة ثلاثون يوما» [3].", kSources);
  ASSERT_EQ(c.citations.size(), 1u);
  EXPECT_EQ(c.citations[0].n, 3);
  EXPECT_FALSE(c.citations[0].quote.empty());
  EXPECT_TRUE(c.removed.empty());
}

TEST(CitationVerifierTest, QuoteInAnotherSentenceIsNotAttributed) {
  CitationCheck c = verify_citations("Il a dit \"rien du tout\". Le télétravail existe [2].", kSources);
  EXPECT_TRUE(c.removed.empty());
  ASSERT_EQ(c.citations.size(), 1u);
  EXPECT_TRUE(c.citations[0].quote.empty());
}

TEST(CitationVerifierTest, LinksAndImagesAreNotCitations) {
  CitationCheck c = verify_citations("Voir [1](http://x) et ![5](y) mais [2].", kSources);
  EXPECT_EQ(c.text, "Voir [1](http://x) et ![5](y) mais [2].");
  ASSERT_EQ(c.citations.size(), 1u);
  EXPECT_EQ(c.citations[0].n, 2);
}

TEST(CitationVerifierTest, NoSourcesRemovesEveryCitation) {
  CitationCheck c = verify_citations("Réponse [1] [2].", {});
  EXPECT_EQ(c.text, "Réponse.");
  EXPECT_TRUE(c.citations.empty());
  EXPECT_EQ(c.removed.size(), 2u);
}

}  // namespace
}  // namespace sanad::llm
