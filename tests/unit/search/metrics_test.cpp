#include "search/metrics.h"

#include <gtest/gtest.h>

#include <cmath>

namespace sanad::search {
namespace {

TEST(Metrics, NdcgByHand) {
  // Grades: a=2, b=1, c=1. Ranking: x, a, c.
  const Judgements qrels = {{"a", 2}, {"b", 1}, {"c", 1}};
  const std::vector<std::string> ranked = {"x", "a", "c"};
  const double dcg = 2 / std::log2(3.0) + 1 / std::log2(4.0);
  const double ideal = 2 / std::log2(2.0) + 1 / std::log2(3.0) + 1 / std::log2(4.0);
  EXPECT_NEAR(ndcg_at_k(ranked, qrels, 10), dcg / ideal, 1e-12);
  // Cut at 2: only "a" counts, ideal has two entries.
  EXPECT_NEAR(ndcg_at_k(ranked, qrels, 2), (2 / std::log2(3.0)) / (2 + 1 / std::log2(3.0)), 1e-12);
}

TEST(Metrics, PerfectRankingHasNdcgOne) {
  const Judgements qrels = {{"a", 3}, {"b", 1}};
  EXPECT_NEAR(ndcg_at_k({"a", "b", "z"}, qrels, 10), 1.0, 1e-12);
}

TEST(Metrics, ZeroGradesAreNotRelevant) {
  const Judgements qrels = {{"a", 0}, {"b", 1}};
  EXPECT_DOUBLE_EQ(recall_at_k({"a"}, qrels, 10), 0.0);
  EXPECT_DOUBLE_EQ(mrr_at_k({"a", "b"}, qrels, 10), 0.5);
  EXPECT_DOUBLE_EQ(recall_at_k({"a", "b"}, qrels, 10), 1.0);
}

TEST(Metrics, MrrAndRecallCutoffs) {
  const Judgements qrels = {{"a", 1}, {"b", 1}, {"c", 1}, {"d", 1}};
  const std::vector<std::string> ranked = {"x", "y", "a", "b"};
  EXPECT_DOUBLE_EQ(mrr_at_k(ranked, qrels, 10), 1.0 / 3);
  EXPECT_DOUBLE_EQ(mrr_at_k(ranked, qrels, 2), 0.0);
  EXPECT_DOUBLE_EQ(recall_at_k(ranked, qrels, 3), 0.25);
  EXPECT_DOUBLE_EQ(recall_at_k(ranked, qrels, 100), 0.5);
  EXPECT_DOUBLE_EQ(ndcg_at_k(ranked, {}, 10), 0.0);
}

TEST(Metrics, PercentileNearestRank) {
  std::vector<double> sample;
  for (int i = 100; i >= 1; --i) sample.push_back(i);
  EXPECT_DOUBLE_EQ(percentile(sample, 50), 50);
  EXPECT_DOUBLE_EQ(percentile(sample, 99), 99);
  EXPECT_DOUBLE_EQ(percentile(sample, 100), 100);
  EXPECT_DOUBLE_EQ(percentile({}, 50), 0);
  EXPECT_DOUBLE_EQ(percentile({7}, 99), 7);
}

}  // namespace
}  // namespace sanad::search
