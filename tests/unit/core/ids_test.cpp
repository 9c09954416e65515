#include "core/ids.h"

#include <gtest/gtest.h>

#include <set>

#include "core/clock.h"

namespace sanad::core {
namespace {

TEST(IdsTest, UniqueWellFormedAndTimeOrdered) {
  std::set<std::string> seen;
  std::string previous = new_id();
  for (int i = 0; i < 10000; ++i) {
    std::string id = new_id();
    EXPECT_TRUE(looks_like_id(id)) << id;
    EXPECT_TRUE(seen.insert(id).second);
    // The timestamp prefix (first 10 chars) never goes backwards.
    EXPECT_LE(previous.substr(0, 10), id.substr(0, 10));
    previous = id;
  }
  EXPECT_FALSE(looks_like_id("../etc/passwd"));
  EXPECT_FALSE(looks_like_id(""));
}

TEST(ClockTest, FormatsIso8601Utc) {
  EXPECT_EQ(iso8601_ms(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(iso8601_ms(1795000000123), "2026-11-18T11:06:40.123Z");
}

}  // namespace
}  // namespace sanad::core
