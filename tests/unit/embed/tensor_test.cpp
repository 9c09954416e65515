#include <gtest/gtest.h>

#include <cmath>

#include "embed/pooling.h"
#include "embed/safetensors.h"
#include "embed/tensor_ops.h"
#include "model_dir.h"

namespace sanad::embed {
namespace {

TEST(HalfFloats, RoundTripAndRounding) {
  for (float f : {0.0f, 1.0f, -2.5f, 65504.0f, 6.103515625e-05f, 5.9604645e-08f, 0.1f}) {
    EXPECT_NEAR(f16_to_f32(f32_to_f16(f)), f, std::abs(f) * 1e-3f + 1e-8f) << f;
    EXPECT_NEAR(bf16_to_f32(f32_to_bf16(f)), f, std::abs(f) * 8e-3f) << f;
  }
  EXPECT_EQ(f32_to_f16(1.0f), 0x3C00);
  EXPECT_EQ(f32_to_bf16(1.0f), 0x3F80);
  EXPECT_EQ(f32_to_f16(1e6f), 0x7C00);  // overflow to infinity
  EXPECT_EQ(f16_to_f32(0x0001), std::ldexp(1.0f, -24));  // smallest subnormal
}

TEST(Safetensors, WriteThenReadEveryDtype) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/t.safetensors";
  std::map<std::string, TensorToWrite> tensors;
  tensors["a"] = {{2, 3}, {1, 2, 3, 4, 5, 6}, DType::kF32};
  tensors["b"] = {{3}, {0.5f, -1.25f, 8}, DType::kF16};
  tensors["c"] = {{1, 2}, {3.0f, -0.375f}, DType::kBF16};
  ASSERT_TRUE(write_safetensors(path, tensors).is_ok());
  auto file = SafetensorsFile::open(path);
  ASSERT_TRUE(file.is_ok()) << file.status().to_string();
  for (const auto& [name, t] : tensors) {
    auto values = (*file)->get_f32(name, t.shape);
    ASSERT_TRUE(values.is_ok()) << name;
    EXPECT_EQ(*values, t.values) << name;
  }
  auto wrong = (*file)->get("a", {3, 2});
  ASSERT_FALSE(wrong.is_ok());
  EXPECT_NE(wrong.status().message().find("[2, 3]"), std::string::npos);
  EXPECT_FALSE((*file)->get("zzz", {1}).is_ok());
}

TEST(Pooling, MeanClsMaxAndNormalize) {
  // Two sequences of lengths 2 and 1, hidden 2.
  const std::vector<float> states = {1, 4, 3, -2, 5, 6};
  auto mean = pool(states, {2, 1}, 2, Pooling::kMean, false);
  EXPECT_EQ(mean[0], (std::vector<float>{2, 1}));
  EXPECT_EQ(mean[1], (std::vector<float>{5, 6}));
  auto cls = pool(states, {2, 1}, 2, Pooling::kCls, false);
  EXPECT_EQ(cls[0], (std::vector<float>{1, 4}));
  auto mx = pool(states, {2, 1}, 2, Pooling::kMax, false);
  EXPECT_EQ(mx[0], (std::vector<float>{3, 4}));
  auto unit = pool(states, {2, 1}, 2, Pooling::kMean, true);
  EXPECT_NEAR(unit[1][0], 5.0 / std::sqrt(61.0), 1e-7);
  std::vector<float> zero = {0, 0};
  l2_normalize(zero);
  EXPECT_EQ(zero, (std::vector<float>{0, 0}));
}

TEST(TensorOps, LinearGeluSoftmaxLayerNorm) {
  const float x[] = {1, 2, 3, 4};  // 2 x 2
  const std::vector<float> w = transpose({1, 0, 0, 1, 1, 1}, 3, 2);  // torch layout 3 x 2 -> 2 x 3
  const float b[] = {0.5f, 0, -1};
  float y[6];
  linear(x, 2, 2, w.data(), b, 3, y);
  EXPECT_EQ(w, (std::vector<float>{1, 0, 1, 0, 1, 1}));
  EXPECT_EQ(std::vector<float>(y, y + 6), (std::vector<float>{1.5f, 2, 2, 3.5f, 4, 6}));
  float g[] = {0.0f, 1.0f, -1.0f};
  gelu(g, 3);
  EXPECT_FLOAT_EQ(g[1], 0.8413447f);
  EXPECT_FLOAT_EQ(g[2], -0.15865526f);
  float s[] = {1, 1, 1, 1000, 0, 0};
  softmax_rows(s, 2, 3);
  EXPECT_FLOAT_EQ(s[0], 1.0f / 3);
  EXPECT_FLOAT_EQ(s[3], 1.0f);
  float ln[] = {1, 3};
  const float one[] = {1, 1}, zero[] = {0, 0};
  add_layer_norm(ln, nullptr, 1, 2, one, zero, 0.0f);
  EXPECT_FLOAT_EQ(ln[0], -1.0f);
  EXPECT_FLOAT_EQ(ln[1], 1.0f);
}

}  // namespace
}  // namespace sanad::embed
