#include "text/normalize.h"

#include <gtest/gtest.h>

namespace sanad::text {
namespace {

TEST(NormalizeTest, NfkcFoldsCompatibilityForms) {
  EXPECT_EQ(nfkc("ﬁchier"), "fichier");              // ligature
  EXPECT_EQ(nfkc("ＡＢＣ１２３"), "ABC123");           // full width
  EXPECT_EQ(nfkc("e\xCC\x81"), "\xC3\xA9");            // e + combining acute -> é
  EXPECT_EQ(nfkc("\xEF\xBB\xBB"), "\xD9\x84\xD8\xA7");  // Arabic lam-alef ligature -> لا
  EXPECT_EQ(nfkc("déjà vu"), "déjà vu");
}

TEST(NormalizeTest, InvalidUtf8IsReplacedNotDropped) {
  std::string out = nfkc(std::string("a\xFF" "b"));
  EXPECT_EQ(out, "a\xEF\xBF\xBD" "b");
  EXPECT_FALSE(is_valid_utf8("a\xFF"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));
  EXPECT_TRUE(is_valid_utf8("سلام été"));
}

}  // namespace
}  // namespace sanad::text
