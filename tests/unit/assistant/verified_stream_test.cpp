#include "assistant/verified_stream.h"

#include <gtest/gtest.h>

namespace sanad::assistant {
namespace {

TEST(VerifiedStream, HoldsAQuotationUntilItClosesThenVerifiesIt) {
  std::map<int, std::string> sources = {{1, "Le délai de préavis est de deux mois."}};
  std::vector<std::string> pieces;
  VerifiedStream stream(sources, [&](std::string_view p) {
    pieces.emplace_back(p);
    return true;
  });
  EXPECT_TRUE(stream.on_delta("Le guide dit « le délai de préavis"));
  EXPECT_TRUE(pieces.empty()) << "an open quotation is held";
  EXPECT_TRUE(stream.on_delta(" est de deux mois » [1]. Ensuite"));
  ASSERT_EQ(pieces.size(), 1u);
  EXPECT_EQ(pieces[0], "Le guide dit « le délai de préavis est de deux mois » [1].");
  EXPECT_TRUE(stream.on_delta(" « trois semaines » [1] et [4]."));
  EXPECT_TRUE(stream.flush());
  EXPECT_EQ(stream.text().find("[4]"), std::string::npos);
  EXPECT_EQ(stream.text().find("« trois semaines » [1]"), std::string::npos);
  ASSERT_EQ(stream.citations().size(), 1u);
  EXPECT_EQ(stream.citations()[0].n, 1);
  EXPECT_GE(stream.removed_citations(), 2u);
}

TEST(VerifiedStream, RemovesImagesAndEscapesHtmlAcrossPieces) {
  std::map<int, std::string> sources = {{1, "text"}};
  VerifiedStream stream(sources, [](std::string_view) { return true; });
  EXPECT_TRUE(stream.on_delta("Voici ![logo](http://127.0.0.2/x?q="));
  EXPECT_TRUE(stream.on_delta("secret) et <img src=x onerror=alert(1)>.\nFin"));
  EXPECT_TRUE(stream.flush());
  EXPECT_EQ(stream.text().find("127.0.0.2"), std::string::npos) << stream.text();
  EXPECT_EQ(stream.text().find("<img"), std::string::npos) << stream.text();
  EXPECT_NE(stream.text().find("Fin"), std::string::npos);
}

TEST(VerifiedStream, StopsWhenTheReceiverStops) {
  std::map<int, std::string> sources;
  VerifiedStream stream(sources, [](std::string_view) { return false; });
  EXPECT_FALSE(stream.on_delta("One line.\nTwo"));
  EXPECT_FALSE(stream.on_delta("more"));
}

}  // namespace
}  // namespace sanad::assistant
