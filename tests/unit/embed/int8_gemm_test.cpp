#include "embed/int8_gemm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <random>
#include <vector>

#include "embed/tensor_ops.h"

namespace sanad::embed {
namespace {

std::vector<float> random_values(size_t n, uint32_t seed, float spread) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> d(0.0f, spread);
  std::vector<float> v(n);
  for (float& x : v) x = d(rng);
  return v;
}

struct Shape {
  size_t rows, in, out;
};

// Integers already on both grids (each row and column reaching 127) make every
// scale 1, so the result must be the exact integer product plus the bias.
TEST(Int8Gemm, ExactOnTheQuantisationGrid) {
  const size_t rows = 5, in = 37, out = 45;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> d(-127, 127);
  std::vector<float> x(rows * in), w(in * out), b(out);
  for (float& v : x) v = static_cast<float>(d(rng));
  for (float& v : w) v = static_cast<float>(d(rng));
  for (float& v : b) v = static_cast<float>(d(rng)) / 4.0f;
  for (size_t r = 0; r < rows; ++r) x[r * in + r] = 127.0f;
  for (size_t j = 0; j < out; ++j) w[(j % in) * out + j] = -127.0f;
  const Int8Weights packed = pack_int8(quantize_columns(w, in, out));
  for (Int8Kernel kernel : {Int8Kernel::kPortable, Int8Kernel::kBest}) {
    std::vector<float> y(rows * out);
    int8_linear(x.data(), rows, packed, b.data(), y.data(), kernel);
    for (size_t r = 0; r < rows; ++r) {
      for (size_t j = 0; j < out; ++j) {
        int64_t dot = 0;
        for (size_t k = 0; k < in; ++k) dot += static_cast<int64_t>(x[r * in + k]) * static_cast<int64_t>(w[k * out + j]);
        ASSERT_EQ(y[r * out + j], static_cast<float>(dot) + b[j]) << "row " << r << " column " << j;
      }
    }
  }
}

// Random data: within quantisation error of the fp32 product, and the VNNI
// kernel bit-identical to the portable loop for every block and tail shape.
TEST(Int8Gemm, AgreesWithFp32AndAcrossKernels) {
  const Shape shapes[] = {{1, 384, 1152}, {16, 384, 384}, {16, 1536, 384}, {13, 37, 45}, {97, 64, 20}, {3, 5, 1}};
  std::cout << "[ int8 ] kBest runs " << (int8_vnni_available() ? "the AVX-512 VNNI kernel" : "the portable loop")
            << "\n";
  uint32_t seed = 1;
  for (const Shape& s : shapes) {
    const auto x = random_values(s.rows * s.in, seed++, 1.0f);
    const auto w = random_values(s.in * s.out, seed++, 0.05f);
    const auto b = random_values(s.out, seed++, 0.1f);
    const Int8Weights packed = pack_int8(quantize_columns(w, s.in, s.out));
    std::vector<float> exact(s.rows * s.out), portable(s.rows * s.out), best(s.rows * s.out);
    linear(x.data(), s.rows, s.in, w.data(), b.data(), s.out, exact.data());
    int8_linear(x.data(), s.rows, packed, b.data(), portable.data(), Int8Kernel::kPortable);
    int8_linear(x.data(), s.rows, packed, b.data(), best.data(), Int8Kernel::kBest);
    double err = 0.0, norm = 0.0;
    for (size_t i = 0; i < exact.size(); ++i) {
      err += (portable[i] - exact[i]) * (portable[i] - exact[i]);
      norm += exact[i] * exact[i];
    }
    EXPECT_LT(std::sqrt(err / norm), 0.02) << s.rows << "x" << s.in << "x" << s.out;
    EXPECT_GT(err, 0.0);  // quantisation did happen
    for (size_t i = 0; i < best.size(); ++i) ASSERT_EQ(best[i], portable[i]) << "element " << i;
  }
}

TEST(Int8Gemm, ZeroRowGivesTheBiasAndNullBiasIsZero) {
  const size_t in = 8, out = 17;
  const auto w = random_values(in * out, 3, 1.0f);
  const auto b = random_values(out, 4, 1.0f);
  const Int8Weights packed = pack_int8(quantize_columns(w, in, out));
  std::vector<float> x(2 * in, 0.0f), y(2 * out);
  x[in + 2] = 3.0f;
  int8_linear(x.data(), 2, packed, b.data(), y.data());
  for (size_t j = 0; j < out; ++j) EXPECT_EQ(y[j], b[j]);
  std::vector<float> no_bias(2 * out);
  int8_linear(x.data(), 2, packed, nullptr, no_bias.data());
  for (size_t j = 0; j < out; ++j) {
    EXPECT_EQ(no_bias[j], 0.0f);
    float column_max = 0.0f;
    for (size_t k = 0; k < in; ++k) column_max = std::max(column_max, std::abs(w[k * out + j]));
    // The single input is exact (it is its row's maximum); the weight is off by
    // at most half a step of its column's grid.
    EXPECT_NEAR(no_bias[out + j], 3.0f * w[2 * out + j], 3.0f * column_max / 254.0f + 1e-6f);
  }
}

}  // namespace
}  // namespace sanad::embed
