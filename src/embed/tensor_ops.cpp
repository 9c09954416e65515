#include "embed/tensor_ops.h"

#include <cblas.h>

#include <algorithm>
#include <cmath>

namespace sanad::embed {

void linear(const float* x, size_t rows, size_t in, const float* w, const float* b, size_t out,
            float* y) {
  float beta = 0.0f;
  if (b != nullptr) {
    for (size_t r = 0; r < rows; ++r) std::copy(b, b + out, y + r * out);
    beta = 1.0f;
  }
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, static_cast<int>(rows),
              static_cast<int>(out), static_cast<int>(in), 1.0f, x, static_cast<int>(in), w,
              static_cast<int>(in), beta, y, static_cast<int>(out));
}

void add_layer_norm(float* x, const float* residual, size_t rows, size_t n, const float* gamma,
                    const float* beta, float eps) {
  for (size_t r = 0; r < rows; ++r) {
    float* row = x + r * n;
    if (residual != nullptr) {
      const float* res = residual + r * n;
      for (size_t i = 0; i < n; ++i) row[i] += res[i];
    }
    // Two passes in double keep the variance exact enough for the 1e-4 budget.
    double mean = 0.0;
    for (size_t i = 0; i < n; ++i) mean += row[i];
    mean /= static_cast<double>(n);
    double var = 0.0;
    for (size_t i = 0; i < n; ++i) {
      const double d = row[i] - mean;
      var += d * d;
    }
    var /= static_cast<double>(n);
    const auto inv = static_cast<float>(1.0 / std::sqrt(var + eps));
    const auto m = static_cast<float>(mean);
    for (size_t i = 0; i < n; ++i) row[i] = (row[i] - m) * inv * gamma[i] + beta[i];
  }
}

void gelu(float* x, size_t n) {
  constexpr float kInvSqrt2 = 0.70710678118654752f;
  for (size_t i = 0; i < n; ++i) x[i] = 0.5f * x[i] * (1.0f + std::erf(x[i] * kInvSqrt2));
}

void softmax_rows(float* x, size_t rows, size_t n) {
  for (size_t r = 0; r < rows; ++r) {
    float* row = x + r * n;
    const float top = *std::max_element(row, row + n);
    float sum = 0.0f;
    for (size_t i = 0; i < n; ++i) {
      row[i] = std::exp(row[i] - top);
      sum += row[i];
    }
    const float inv = 1.0f / sum;
    for (size_t i = 0; i < n; ++i) row[i] *= inv;
  }
}

void set_blas_threads(unsigned threads) {
  if (threads > 0) openblas_set_num_threads(static_cast<int>(threads));
}

}  // namespace sanad::embed
