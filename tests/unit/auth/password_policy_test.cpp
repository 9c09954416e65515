#include "auth/password_policy.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace sanad::auth {
namespace {

TEST(PasswordPolicy, CountsCodePointsNotBytes) {
  PasswordPolicy policy{CommonPasswords{}};
  // 8 Arabic letters are 16 bytes but 8 code points: accepted.
  EXPECT_TRUE(policy.check("\xd8\xb3\xd9\x86\xd8\xaf\xd8\xb3\xd9\x86\xd8\xaf\xd8\xb3\xd9\x86").is_ok());
  // 7 two-byte letters (14 bytes) are still too short.
  EXPECT_EQ(policy.check("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9").code(), ErrorCode::kInvalidArgument);
  EXPECT_FALSE(policy.check("short").is_ok());
  EXPECT_TRUE(policy.check(std::string(256, 'x')).is_ok());
  EXPECT_FALSE(policy.check(std::string(257, 'x')).is_ok());
  // 256 three-byte code points (768 bytes) are within the limit.
  std::string euros;
  for (int i = 0; i < 256; ++i) euros += "\xe2\x82\xac";
  EXPECT_TRUE(policy.check(euros).is_ok());
}

TEST(PasswordPolicy, RejectsInvalidUtf8) {
  EXPECT_FALSE(count_code_points("abc\xff").is_ok());
  EXPECT_FALSE(count_code_points("\xc0\xaf").is_ok());          // overlong '/'
  EXPECT_FALSE(count_code_points("\xed\xa0\x80").is_ok());      // surrogate
  EXPECT_FALSE(count_code_points("\xe2\x82").is_ok());          // truncated
  EXPECT_EQ(count_code_points("a\xf0\x9f\x98\x80").value_or(0), 2u);
}

TEST(PasswordPolicy, CommonListIsCaseInsensitive) {
  PasswordPolicy policy{CommonPasswords::from_lines("#!comment: header\r\nPassword1\r\nletmein123\n")};
  EXPECT_EQ(policy.common().size(), 2u);
  EXPECT_FALSE(policy.check("password1").is_ok());
  EXPECT_FALSE(policy.check("LETMEIN123").is_ok());
  EXPECT_TRUE(policy.check("correct horse battery").is_ok());
}

TEST(PasswordPolicy, LoadsDebianJohnList) {
  auto list = CommonPasswords::load(std::string(kDefaultCommonPasswordList));
  ASSERT_TRUE(list.is_ok()) << list.status().to_string();  // john-data is a build dependency
  EXPECT_GT(list->size(), 3000u);
  EXPECT_TRUE(list->contains("PASSWORD"));
  EXPECT_TRUE(list->contains("12345678"));
  EXPECT_FALSE(list->contains("#!comment: This list has been compiled by Solar Designer of Openwall Project"));
}

TEST(PasswordPolicy, MissingListIsNotFound) {
  auto list = CommonPasswords::load("/nonexistent/sanad/password.lst");
  EXPECT_EQ(list.status().code(), ErrorCode::kNotFound);
}

TEST(PasswordPolicy, StartupRequiresTheListOnlyWhenAsked) {
  core::Logger log(core::LogLevel::kOff);
  auto required = load_password_policy(true, "/nonexistent/sanad/password.lst", log);
  EXPECT_EQ(required.status().code(), ErrorCode::kFailedPrecondition);
  EXPECT_NE(required.status().message().find("john-data"), std::string::npos);
  auto optional = load_password_policy(false, "/nonexistent/sanad/password.lst", log);
  ASSERT_TRUE(optional.is_ok());
  EXPECT_EQ(optional->common().size(), 0u);
  auto loaded = load_password_policy(true, std::string(kDefaultCommonPasswordList), log);
  ASSERT_TRUE(loaded.is_ok());
  EXPECT_FALSE(loaded->check("iloveyou").is_ok());
}

}  // namespace
}  // namespace sanad::auth
