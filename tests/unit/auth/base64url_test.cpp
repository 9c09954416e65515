#include "auth/base64url.h"

#include <gtest/gtest.h>

namespace sanad::auth {
namespace {

TEST(Base64Url, RoundTripsEveryLength) {
  std::string bytes;
  for (int i = 0; i < 40; ++i) {
    auto decoded = base64url_decode(base64url_encode(bytes));
    ASSERT_TRUE(decoded.is_ok()) << i;
    EXPECT_EQ(*decoded, bytes);
    bytes.push_back(static_cast<char>(i * 37 + 250));
  }
}

TEST(Base64Url, KnownVectorsUseUrlAlphabetWithoutPadding) {
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");
}

TEST(Base64Url, RejectsNonCanonicalInput) {
  EXPECT_FALSE(base64url_decode("Zg==").is_ok());   // padding
  EXPECT_FALSE(base64url_decode("Zm9v+/").is_ok()); // standard alphabet
  EXPECT_FALSE(base64url_decode("Zm 9v").is_ok());  // whitespace
  EXPECT_FALSE(base64url_decode("Z").is_ok());      // impossible length
  EXPECT_FALSE(base64url_decode("Zh").is_ok());     // non-zero trailing bits ("Zg" is canonical)
  EXPECT_TRUE(base64url_decode("Zg").is_ok());
  EXPECT_TRUE(base64url_decode("").is_ok());
}

}  // namespace
}  // namespace sanad::auth
