#include "search/fusion.h"

#include <gtest/gtest.h>

namespace sanad::search {
namespace {

TEST(Fusion, ReciprocalRankByHand) {
  // a: 1, 2, 3   b: 3, 1
  const std::vector<ScoredOrdinal> a = {{1, 9.0}, {2, 5.0}, {3, 1.0}};
  const std::vector<ScoredOrdinal> b = {{3, 0.9}, {1, 0.8}};
  const auto fused = reciprocal_rank_fusion(a, b, 3, 60.0);
  ASSERT_EQ(fused.size(), 3u);
  EXPECT_EQ(fused[0].ordinal, 1u);  // 1/61 + 1/62
  EXPECT_NEAR(fused[0].score, 1.0 / 61 + 1.0 / 62, 1e-12);
  EXPECT_EQ(fused[1].ordinal, 3u);  // 1/63 + 1/61
  EXPECT_NEAR(fused[1].score, 1.0 / 63 + 1.0 / 61, 1e-12);
  EXPECT_EQ(fused[2].ordinal, 2u);
  EXPECT_NEAR(fused[2].score, 1.0 / 62, 1e-12);
}

TEST(Fusion, MinMaxByHand) {
  const std::vector<ScoredOrdinal> a = {{1, 10.0}, {2, 6.0}, {3, 2.0}};  // 1, 0.5, 0
  const std::vector<ScoredOrdinal> b = {{3, 0.9}, {2, 0.5}};             // 1, 0
  const auto fused = min_max_fusion(a, b, 5, 0.5);
  ASSERT_EQ(fused.size(), 3u);
  EXPECT_EQ(fused[0].ordinal, 1u);
  EXPECT_NEAR(fused[0].score, 0.5, 1e-12);
  EXPECT_EQ(fused[1].ordinal, 3u);
  EXPECT_NEAR(fused[1].score, 0.5, 1e-12);
  EXPECT_NEAR(fused[2].score, 0.25, 1e-12);
}

TEST(Fusion, EmptyListsAndTruncation) {
  EXPECT_TRUE(reciprocal_rank_fusion({}, {}, 10).empty());
  const std::vector<ScoredOrdinal> a = {{1, 3.0}, {2, 2.0}, {3, 1.0}};
  EXPECT_EQ(min_max_fusion(a, {}, 2).size(), 2u);
}

}  // namespace
}  // namespace sanad::search
