#include "core/environment.h"

#include <gtest/gtest.h>

namespace sanad::core {
namespace {

TEST(DotenvTest, ParsesAssignmentsCommentsAndQuotes) {
  auto env = parse_dotenv(
      "# comment\n"
      "PORT=9090\n"
      "export SECRET_KEY='abc def'\n"
      "GREETING=\"line1\\nline2 \\\"q\\\"\"\n"
      "EMPTY=\n"
      "INLINE=value # trailing comment\n");
  ASSERT_TRUE(env.is_ok()) << env.status().to_string();
  EXPECT_EQ(env->get("PORT"), "9090");
  EXPECT_EQ(env->get("SECRET_KEY"), "abc def");
  EXPECT_EQ(env->get("GREETING"), "line1\nline2 \"q\"");
  EXPECT_EQ(env->get("EMPTY"), "");
  EXPECT_EQ(env->get("INLINE"), "value");
  EXPECT_FALSE(env->get("MISSING").has_value());
}

TEST(DotenvTest, ErrorsNameTheLine) {
  auto env = parse_dotenv("A=1\nthis is not an assignment\n");
  ASSERT_FALSE(env.is_ok());
  EXPECT_NE(env.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(parse_dotenv("A=\"unterminated\n").is_ok());
  EXPECT_FALSE(parse_dotenv("1BAD=x\n").is_ok());
}

TEST(EnvironmentTest, ProcessEnvironmentWinsOverDotenv) {
  Environment process({{"PORT", "1"}});
  Environment file({{"PORT", "2"}, {"SECRET_KEY", "s"}});
  process.merge_missing(file);
  EXPECT_EQ(process.get("PORT"), "1");
  EXPECT_EQ(process.get("SECRET_KEY"), "s");
}

}  // namespace
}  // namespace sanad::core
