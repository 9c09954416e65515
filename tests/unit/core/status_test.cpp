#include "core/status.h"

#include <gtest/gtest.h>

namespace sanad {
namespace {

Result<int> parse_positive(int v) {
  if (v <= 0) return invalid_argument("not positive");
  return v;
}

Result<int> doubled(int v) {
  SANAD_ASSIGN_OR_RETURN(int x, parse_positive(v));
  return x * 2;
}

TEST(StatusTest, OkByDefault) {
  Status s;
  EXPECT_TRUE(s.is_ok());
  EXPECT_EQ(s.to_string(), "ok");
}

TEST(StatusTest, CarriesCodeAndMessage) {
  Status s = not_found("document 7");
  EXPECT_FALSE(s.is_ok());
  EXPECT_EQ(s.code(), ErrorCode::kNotFound);
  EXPECT_EQ(s.to_string(), "not_found: document 7");
  EXPECT_EQ(s.with_context("load").message(), "load: document 7");
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*doubled(4), 8);
  auto bad = doubled(-1);
  ASSERT_FALSE(bad.is_ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(bad.value_or(3), 3);
}

}  // namespace
}  // namespace sanad
