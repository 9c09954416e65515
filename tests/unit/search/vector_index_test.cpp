#include "search/vector_index.h"

#include <gtest/gtest.h>

#include <random>

namespace sanad::search {
namespace {

std::vector<float> random_vector(std::mt19937& rng, size_t dim) {
  std::normal_distribution<float> n(0.0f, 1.0f);
  std::vector<float> v(dim);
  for (float& x : v) x = n(rng);
  return v;
}

const auto kAll = [](uint32_t) { return true; };

TEST(VectorIndex, ExactSearchFindsTheVectorItself) {
  VectorIndex index;
  std::mt19937 rng(1);
  std::vector<std::vector<float>> vs;
  for (uint32_t i = 0; i < 100; ++i) {
    vs.push_back(random_vector(rng, 16));
    ASSERT_TRUE(index.add(i, vs.back()).is_ok());
  }
  const auto hits = index.search(vs[42], 3, kAll, SIZE_MAX);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].ordinal, 42u);
  EXPECT_NEAR(hits[0].score, 1.0, 1e-5);
}

TEST(VectorIndex, RejectsWrongDimensionAndZeroVectors) {
  VectorIndex index;
  ASSERT_TRUE(index.add(0, {1, 0, 0}).is_ok());
  EXPECT_EQ(index.add(1, {1, 0}).code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(index.add(2, {0, 0, 0}).code(), ErrorCode::kInvalidArgument);
}

TEST(VectorIndex, DeletedVectorsAreNotReturned) {
  VectorIndex index;
  ASSERT_TRUE(index.add(0, {1, 0}).is_ok());
  ASSERT_TRUE(index.add(1, {0.9f, 0.1f}).is_ok());
  index.remove(0);
  EXPECT_EQ(index.live_count(), 1u);
  const auto hits = index.search({1, 0}, 5, kAll, SIZE_MAX);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].ordinal, 1u);
}

TEST(VectorIndex, HnswRecallAgainstExact) {
  VectorOptions options;
  options.exact_below = 100;  // force the graph
  VectorIndex index(options);
  std::mt19937 rng(3);
  for (uint32_t i = 0; i < 3000; ++i) ASSERT_TRUE(index.add(i, random_vector(rng, 32)).is_ok());
  size_t found = 0, total = 0;
  for (int q = 0; q < 50; ++q) {
    const auto query = random_vector(rng, 32);
    const auto approx = index.search(query, 10, kAll, SIZE_MAX);
    const auto exact = index.exact_search(query, 10, kAll);
    for (const auto& e : exact) {
      ++total;
      for (const auto& a : approx) found += a.ordinal == e.ordinal ? 1 : 0;
    }
  }
  EXPECT_GE(static_cast<double>(found) / static_cast<double>(total), 0.9);
}

// int8 storage: scores within quantisation error of float32, the same top-10 almost
// always, through the graph as well as exactly.
TEST(VectorIndex, Int8StorageAgreesWithFloat32) {
  VectorOptions f32, i8;
  f32.exact_below = i8.exact_below = 100;
  i8.storage = VectorStorage::kInt8;
  VectorIndex exact_f32(f32), quantised(i8);
  std::mt19937 rng(5);
  std::vector<std::vector<float>> vs;
  for (uint32_t i = 0; i < 3000; ++i) {
    vs.push_back(random_vector(rng, 64));
    ASSERT_TRUE(exact_f32.add(i, vs.back()).is_ok());
    ASSERT_TRUE(quantised.add(i, vs.back()).is_ok());
  }
  size_t same = 0, total = 0;
  double worst = 0.0;
  for (int q = 0; q < 50; ++q) {
    const auto query = random_vector(rng, 64);
    const auto reference = exact_f32.exact_search(query, 10, kAll);
    const auto exact_i8 = quantised.exact_search(query, 10, kAll);
    ASSERT_EQ(exact_i8.size(), 10u);
    for (size_t i = 0; i < 10; ++i) worst = std::max(worst, std::abs(exact_i8[i].score - reference[i].score));
    const auto graph_i8 = quantised.search(query, 10, kAll, SIZE_MAX);
    for (const auto& r : reference) {
      ++total;
      for (const auto& a : graph_i8) same += a.ordinal == r.ordinal ? 1 : 0;
    }
  }
  EXPECT_LT(worst, 0.02);  // the k-th best scores differ by little
  EXPECT_GE(static_cast<double>(same) / static_cast<double>(total), 0.85);
  // The vector itself is still its own nearest neighbour.
  const auto self = quantised.search(vs[7], 1, kAll, SIZE_MAX);
  ASSERT_EQ(self.size(), 1u);
  EXPECT_EQ(self[0].ordinal, 7u);
  EXPECT_NEAR(self[0].score, 1.0, 0.02);
}

TEST(VectorIndex, SelectiveFilterNeverStarvesResults) {
  VectorOptions options;
  options.exact_below = 50;
  VectorIndex index(options);
  std::mt19937 rng(5);
  for (uint32_t i = 0; i < 2000; ++i) ASSERT_TRUE(index.add(i, random_vector(rng, 16)).is_ok());
  // 1 in 20 allowed: HNSW alone would return few allowed hits in its top 10.
  auto allowed = [](uint32_t d) { return d % 20 == 0; };
  const auto hits = index.search(random_vector(rng, 16), 10, allowed, 100);
  ASSERT_EQ(hits.size(), 10u);
  for (const auto& h : hits) EXPECT_EQ(h.ordinal % 20, 0u);
  // Tiny allowed set: exact search over it.
  auto three = [](uint32_t d) { return d == 7 || d == 700 || d == 1500; };
  EXPECT_EQ(index.search(random_vector(rng, 16), 10, three, 3).size(), 3u);
}

}  // namespace
}  // namespace sanad::search
